package generator_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/folio-sites/folio/generator"
	"golang.org/x/text/unicode/norm"
)

// closestByFullTable is Closest as first written: the whole table of every
// candidate's optimal string alignment distance, nothing passed over. The
// tests hold Closest to it.
func closestByFullTable(word string, candidates []string) string {
	limit := max(2, len([]rune(word))/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == word {
			continue
		}
		if d := fullDistance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// closestAllByFullTable is ClosestAll from the full table: Closest's
// answer alone past one edit; else every candidate one edit away, each
// once, those equal but for capitals and accents first, then those with a
// letter added or left out, then the rest, each in order.
func closestAllByFullTable(word string, candidates []string) []string {
	limit := max(2, len([]rune(word))/3)
	at, bestDist := -1, limit+1
	for i, c := range candidates {
		if d := fullDistance(word, c); c != word && d < bestDist {
			at, bestDist = i, d
		}
	}
	if at < 0 {
		return nil
	}
	if bestDist != 1 {
		return []string{candidates[at]}
	}
	fold := func(s string) string {
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
		return b.String()
	}
	var byRank [3][]string
	for _, c := range candidates {
		if c == word || fullDistance(word, c) != 1 || slices.Contains(slices.Concat(byRank[:]...), c) {
			continue
		}
		switch {
		case fold(c) == fold(word):
			byRank[0] = append(byRank[0], c)
		case len([]rune(c)) != len([]rune(word)):
			byRank[1] = append(byRank[1], c)
		default:
			byRank[2] = append(byRank[2], c)
		}
	}
	return slices.Concat(byRank[:]...)
}

func fullDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// TestClosestTable: the typos authors make, and words too far from any
// candidate to suggest one.
func TestClosestTable(t *testing.T) {
	schools := []string{"lincoln-middle", "jefferson-middle", "oak-elementary", "cedar-ridge-elementary"}
	files := []string{"schools/lincoln-middle/agenda.pdf", "schools/lincoln-middle/walkthrough-log.xlsx", "schools/oak-elementary/agenda.pdf"}
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"lincon-middle", schools, "lincoln-middle"},
		{"lincoln-midlde", schools, "lincoln-middle"},
		{"oak-elementray", schools, "oak-elementary"},
		{"cedar-ridge", schools, ""},
		{"adams-high", schools, ""},
		{"lincoln-middle", schools, ""},
		{"schools/lincoln-middle/agneda.pdf", files, "schools/lincoln-middle/agenda.pdf"},
		{"schools/lincoln-middle/walkthrough-log-2024.xlsx", files, "schools/lincoln-middle/walkthrough-log.xlsx"},
		{"schools/oak-elementary/agenda.pdf", files[:2], ""},
		{"standrads", []string{"standards", "stands"}, "standards"},
		{"École", []string{"ecole", "Ecole"}, "ecole"},
		{"ab", []string{"ba", "ab"}, "ba"},
		{"", []string{"a", "bc"}, "a"},
		{"partnership-4", []string{"partnership-1", "partnership-04", "partnership-2"}, "partnership-1"},
	}
	for _, tt := range tests {
		got := generator.Closest(tt.word, tt.candidates)
		if got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
		if full := closestByFullTable(tt.word, tt.candidates); got != full {
			t.Errorf("Closest(%q) = %q, but the full table gives %q", tt.word, got, full)
		}
	}
}

// TestDidYouMeanNamesTies: candidates equally close are named together,
// at most three; one alone as before; one in other capitals or accents
// alone.
func TestDidYouMeanNamesTies(t *testing.T) {
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"partnership-4", []string{"partnership-1", "partnership-04"}, "did you mean 'partnership-04' or 'partnership-1'?"},
		{"partnership-4", []string{"partnership-1", "partnership-2", "partnership-3", "partnership-04"}, "did you mean 'partnership-04', 'partnership-1' or 'partnership-2' (or 1 more one letter away)?"},
		// One that differs in capitals or accents only is the one meant:
		// named alone, however far Closest measures it.
		{"partnership-7D", []string{"partnership-7a", "partnership-7b", "partnership-7c", "partnership-7d"}, "did you mean 'partnership-7d'?"},
		{"ecole", []string{"ecolé", "ecol", "ecoles"}, "did you mean 'ecolé'?"},
		{"PARTNERSHIP-1A", []string{"partnership-1a", "partnership-1b"}, "did you mean 'partnership-1a'?"},
		{"Math", []string{"math", "MATH", "mat"}, "did you mean 'math' or 'MATH'?"},
		{"p1c", []string{"p1a", "p1b", "p1d", "p1e"}, "did you mean 'p1a', 'p1b' or 'p1d' (or 1 more one letter away)?"},
		{"p1c", []string{"p1a", "p1a", "p1b"}, "did you mean 'p1a' or 'p1b'?"},
		{"lincon-middle", []string{"lincoln-middle", "jefferson-middle"}, "did you mean 'lincoln-middle'?"},
		{"lincn-midle", []string{"lincoln-middle", "lincoln-midle"}, "did you mean 'lincoln-midle'?"},
		{"school-12", []string{"school-1234", "school-1256"}, "did you mean 'school-1234'?"}, // two edits: the first alone
		{"adams-high", []string{"lincoln-middle"}, ""},
		// A school by its short name: the ids it starts.
		{"Lincoln", []string{"jefferson-middle", "lincoln-elementary", "lincoln-middle"}, "did you mean 'lincoln-elementary' or 'lincoln-middle'?"},
		{"prairie river", []string{"prairie-river-high", "prairie-view-elementary", "prairie-river-high"}, "did you mean 'prairie-river-high'?"},
		{"oak", []string{"oak-1", "oak-2", "oak-3", "oak_4", "oakwood"}, "did you mean 'oak-1', 'oak-2' or 'oak-3' (or 1 more)?"},
		{"ab", []string{"ab-cdefgh", "ab-ijklmn"}, ""}, // too short to tell
		// The id itself in other capitals, or with spaces, before the
		// longer ids it starts.
		{"Trust", []string{"trust", "trust-schools", "trust-trend"}, "did you mean 'trust'?"},
		{"LINCOLN", []string{"lincoln", "lincoln-elementary", "lincoln-middle"}, "did you mean 'lincoln'?"},
		{"Lincoln Middle", []string{"lincoln-middle", "lincoln-middle-annex", "lincoln-middle-north"}, "did you mean 'lincoln-middle'?"},
		{"Ecole", []string{"école", "ecole-nord", "ecole-sud"}, "did you mean 'école'?"},
	}
	for _, tt := range tests {
		if got := generator.DidYouMean(tt.word, tt.candidates); got != tt.want {
			t.Errorf("DidYouMean(%q, %q) = %q, want %q", tt.word, tt.candidates, got, tt.want)
		}
	}
}

// TestClosestAgreesWithFullTable draws words and candidates from a few
// letters (so that near misses, repeated letters, transpositions and ties
// are common), some beyond ASCII, and holds Closest's answer to the full
// table's: passing over candidates must never change which is chosen.
func TestClosestAgreesWithFullTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	letters := []rune("aabbcd-/é")
	word := func() string {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteRune(letters[rng.IntN(len(letters))])
		}
		return b.String()
	}
	for range 20_000 {
		w := word()
		cands := make([]string, rng.IntN(12))
		for i := range cands {
			if i > 0 && rng.IntN(3) == 0 {
				// A near miss of an earlier candidate or of the word.
				base := []rune(w)
				if rng.IntN(2) == 0 {
					base = []rune(cands[rng.IntN(i)])
				}
				if len(base) > 1 {
					k := rng.IntN(len(base) - 1)
					base[k], base[k+1] = base[k+1], base[k]
				}
				cands[i] = string(base)
				continue
			}
			cands[i] = word()
		}
		if got, want := generator.Closest(w, cands), closestByFullTable(w, cands); got != want {
			t.Fatalf("Closest(%q, %q) = %q, the full table gives %q", w, cands, got, want)
		}
		if got, want := generator.ClosestAll(w, cands), closestAllByFullTable(w, cands); !slices.Equal(got, want) {
			t.Fatalf("ClosestAll(%q, %q) = %q, the full table gives %q", w, cands, got, want)
		}
	}
}

// FuzzClosest holds Closest to the full table on any word and candidates.
func FuzzClosest(f *testing.F) {
	f.Add("lincon-middle", "lincoln-middle\njefferson-middle")
	f.Add("standrads", "standards\nstands")
	f.Add("École", "ecole\nÉcloe")
	f.Fuzz(func(t *testing.T, word, list string) {
		if len(word) > 64 || len(list) > 512 {
			return
		}
		cands := strings.Split(list, "\n")
		if got, want := generator.Closest(word, cands), closestByFullTable(word, cands); got != want {
			t.Fatalf("Closest(%q, %q) = %q, the full table gives %q", word, cands, got, want)
		}
		if got, want := generator.ClosestAll(word, cands), closestAllByFullTable(word, cands); !slices.Equal(got, want) {
			t.Fatalf("ClosestAll(%q, %q) = %q, the full table gives %q", word, cands, got, want)
		}
	})
}
