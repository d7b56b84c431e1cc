package generator

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// DidYouMean returns the hint "did you mean 'x'?" naming the candidate
// closest to word, or "" when none is close enough to be a plausible typo.
// Candidates one edit from word are named together, the likeliest three
// first (see ClosestAll): "did you mean 'partnership-04' or
// 'partnership-1'?" for "partnership-4", where naming one alone may name
// the wrong one; more are counted: "(or 2 more one letter away)". A
// candidate that is word in other capitals or accents is named alone
// ("partnership-1a" for "PARTNERSHIP-1A" or "partnership-1A"). Where
// none is close, the candidates that start with word as their first
// words are named ("did you mean 'lincoln-elementary' or
// 'lincoln-middle'?" for "Lincoln").
func DidYouMean(word string, candidates []string) string {
	best := sameButCapitals(word, candidates)
	if len(best) == 0 {
		best = ClosestAll(word, candidates)
	}
	if len(best) > 1 {
		if plain := plainFold(word); plainFold(best[0]) == plain {
			// One differs in capitals or accents only: it is the one
			// meant, and the others a letter away are noise.
			best = slices.DeleteFunc(slices.Clone(best), func(c string) bool { return plainFold(c) != plain })
		}
	}
	away := " one letter away"
	if first := firstWordOf(word, candidates); len(first) > 1 || len(first) == 1 && len(best) == 0 {
		// A word that starts several ids names them all: the closest in
		// letters ('oak-1' for "oak") would be a guess among them.
		best, away = first, ""
	}
	if len(best) == 0 {
		return ""
	}
	shown := best[:min(len(best), 3)]
	quoted := make([]string, len(shown))
	for i, c := range shown {
		quoted[i] = "'" + c + "'"
	}
	list := quoted[0]
	if n := len(quoted); n > 1 {
		list = strings.Join(quoted[:n-1], ", ") + " or " + quoted[n-1]
	}
	if more := len(best) - len(shown); more > 0 {
		list += fmt.Sprintf(" (or %d more%s)", more, away)
	}
	return fmt.Sprintf("did you mean %s?", list)
}

// firstWordOf returns the candidates whose first words are word, in any
// capitals, with hyphens for spaces ("lincoln-elementary" and
// "lincoln-middle" for "Lincoln"): a school written by a short name, far
// in letters from its id; or, alone, the candidate that is word with
// hyphens for spaces, in any capitals or accents ("lincoln-middle" for
// "Lincoln Middle", "école" for "Ecole"). A word under 3 letters names
// none.
func firstWordOf(word string, candidates []string) []string {
	w := strings.ToLower(strings.Join(strings.Fields(word), "-"))
	if utf8.RuneCountInString(w) < 3 {
		return nil
	}
	plainW := "" // plainFold(w), once a candidate has accents to fold
	var out []string
	for _, c := range candidates {
		same := strings.EqualFold(c, w)
		if !same && len(c) != utf8.RuneCountInString(c) { // accents to fold
			if plainW == "" {
				plainW = plainFold(w)
			}
			same = plainFold(c) == plainW
		}
		if same {
			return []string{c} // the id itself, its words spaced
		}
		if len(c) > len(w) && (c[len(w)] == '-' || c[len(w)] == '_') && strings.EqualFold(c[:len(w)], w) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// sameButCapitals returns the candidates that are word in other
// capitals ("partnership-1a" for "PARTNERSHIP-1A", however far apart
// Closest measures them), in their order.
func sameButCapitals(word string, candidates []string) []string {
	var out []string
	for _, c := range candidates {
		if c != word && len(c) == len(word) && strings.EqualFold(c, word) {
			out = append(out, c)
		}
	}
	return out
}

// ClosestAll returns the candidates closest to word, as Closest measures
// them: Closest's answer alone when it is two edits or more from word (the
// closest is then a guess), and otherwise every candidate one edit from
// it, each once, likeliest first: one that differs from word in capitals
// or accents only ("partnership-7d" for "partnership-7D"), then one with a
// letter added or left out ("partnership-04" for "partnership-4",
// "lincoln-middle" for "lincon-middle"), then one with a letter changed or
// two swapped, which changes a number; else in the candidates' order. nil
// when none is close enough. It measures each candidate once, as Closest
// does, only less far once one is a letter away.
func ClosestAll(word string, candidates []string) []string {
	m := NewNearWord(word)
	at, dist := -1, m.limit+1
	var ties []string // once dist is 1, every candidate one edit away
	for i, c := range candidates {
		if c == word {
			continue
		}
		bound := dist
		if dist == 1 {
			bound = 2 // a tie counts
		}
		switch d := m.meter.below(c, bound); {
		case d < dist:
			at, dist = i, d
			ties = append(ties[:0], c)
		case d == 1 && dist == 1 && !slices.Contains(ties, c):
			ties = append(ties, c)
		}
	}
	switch {
	case at < 0:
		return nil
	case dist != 1:
		return []string{candidates[at]}
	}
	plainWord := plainFold(word)
	rank := func(c string) int {
		switch {
		case plainFold(c) == plainWord:
			return 0
		case utf8.RuneCountInString(c) != len(m.meter.word):
			return 1
		}
		return 2
	}
	slices.SortStableFunc(ties, func(a, b string) int { return rank(a) - rank(b) })
	return ties
}

// plainFold is s in lower case without accents: "École" and "ecole" are
// one.
func plainFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Closest returns the candidate with the smallest edit distance to word, if
// that distance is at most a third of the word's length (minimum 2), else "".
// Ties go to the earlier candidate, so the result is deterministic.
//
// It is asked once for each unknown value of a file, against every id,
// name or file the value could have meant: tens of thousands of values
// against thousands of candidates when a state's file names its schools
// or evidence files otherwise than the site does. So a candidate is only
// measured as far as it could still be the closest: one whose length, or
// whose letters counted regardless of order, differ from the word's by at
// least the best distance so far is passed over, and the measure stops
// once every alignment has gone that far.
func Closest(word string, candidates []string) string {
	m := NewNearWord(word)
	best, bestDist := "", m.limit+1
	for _, c := range candidates {
		if c == word {
			continue
		}
		if d := m.meter.below(c, bestDist); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// NearWord measures candidates against one word as Closest does, for a
// caller that wants every candidate close enough rather than the closest.
type NearWord struct {
	word  string
	meter distanceMeter
	limit int
}

// NewNearWord returns a NearWord for word.
func NewNearWord(word string) *NearWord {
	m := &NearWord{word: word}
	m.meter.word = []rune(word)
	m.meter.wordASCII = !slices.ContainsFunc(m.meter.word, func(r rune) bool { return r >= utf8.RuneSelf })
	m.limit = max(2, len(m.meter.word)/3)
	return m
}

// Near reports whether c is a plausible typo of the word: not the word
// itself, and within the edit distance Closest accepts.
func (m *NearWord) Near(c string) bool {
	return c != m.word && m.meter.below(c, m.limit+1) <= m.limit
}

// distanceMeter measures edit distances from one word, reusing its rows
// and letter counts from one candidate to the next.
type distanceMeter struct {
	word []rune
	// wordASCII says every letter of word is ASCII (see lettersApart).
	wordASCII        bool
	other            []rune
	prev2, prev, cur []int
	counts           [128]int
}

// below returns the edit distance from m.word to c when it is less than
// bound, else some number at least bound. The distance is the optimal
// string alignment distance: Levenshtein plus transposition of two
// adjacent letters, the commonest typo ("standrads").
func (m *distanceMeter) below(c string, bound int) int {
	if abs(len(m.word)-utf8.RuneCountInString(c)) >= bound {
		return bound
	}
	m.other = m.other[:0]
	for _, r := range c {
		m.other = append(m.other, r)
	}
	a, b := m.word, m.other
	if m.lettersApart() >= bound {
		return bound
	}
	if cap(m.prev) < len(b)+1 {
		m.prev2, m.prev, m.cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev2, prev, cur := m.prev2[:len(b)+1], m.prev[:len(b)+1], m.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	// Every cell of a row is at least the smallest of the row above, or
	// of the row above that plus one (a transposition): once two rows in
	// turn reach bound, so does every row after them.
	prevLow := 0
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low >= bound && prevLow >= bound {
			return bound
		}
		prevLow = low
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// lettersApart is a lower bound of the edit distance from m.word to
// m.other: how many more of some letters one has than the other, counted
// regardless of order (an insertion, deletion or substitution changes
// that by at most one, a transposition not at all). Words of letters
// beyond ASCII are not counted: it returns 0.
func (m *distanceMeter) lettersApart() int {
	if !m.wordASCII || slices.ContainsFunc(m.other, func(r rune) bool { return r >= utf8.RuneSelf }) {
		return 0
	}
	for _, r := range m.word {
		m.counts[r]++
	}
	for _, r := range m.other {
		m.counts[r]--
	}
	more, fewer := 0, 0
	for _, r := range m.word {
		if n := m.counts[r]; n > 0 {
			more += n
		} else {
			fewer -= n
		}
		m.counts[r] = 0
	}
	for _, r := range m.other {
		if n := m.counts[r]; n < 0 {
			fewer -= n
		}
		m.counts[r] = 0
	}
	return max(more, fewer)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Slugify suggests the slug an author probably meant, as a school id or a
// narrative's file name: "Lincoln Middle" → "lincoln-middle". Latin
// letters lose their accents ("École Élémentaire" → "ecole-elementaire",
// "Straße" → "strasse"); other letters are dropped, and it returns ""
// when nothing is left.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue // an accent, decomposed from its letter
		}
		plain := string(r)
		if t, ok := unaccented[r]; ok {
			plain = t
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || unaccented[r] != "" {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString(plain)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// unaccented spells the Latin letters that do not decompose into a
// letter and its accents.
var unaccented = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'þ': "th", 'ı': "i", 'ħ': "h",
}
