package generator

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// DidYouMean returns the hint "did you mean 'x'?" naming the candidate
// closest to word, or "" when none is close enough to be a plausible typo.
func DidYouMean(word string, candidates []string) string {
	if best := Closest(word, candidates); best != "" {
		return fmt.Sprintf("did you mean '%s'?", best)
	}
	return ""
}

// Closest returns the candidate with the smallest edit distance to word, if
// that distance is at most a third of the word's length (minimum 2), else "".
// Ties go to the earlier candidate, so the result is deterministic.
func Closest(word string, candidates []string) string {
	limit := max(2, len([]rune(word))/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == word {
			continue
		}
		if d := editDistance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance: Levenshtein plus
// transposition of two adjacent letters, the commonest typo ("standrads").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
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
