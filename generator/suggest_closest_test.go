package generator_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
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

// closestNByFullTable is ClosestN from the full table: every candidate at
// the smallest distance, each once, in order, the first n, a letter added
// or left out before a letter changed; only the first unless that distance
// is 1.
func closestNByFullTable(word string, candidates []string, n int) []string {
	limit := max(2, len([]rune(word))/3)
	var best []string
	bestDist := limit + 1
	for _, c := range candidates {
		if c == word {
			continue
		}
		switch d := fullDistance(word, c); {
		case d > limit:
		case d < bestDist:
			best, bestDist = []string{c}, d
		case d == bestDist && !slices.Contains(best, c):
			best = append(best, c)
		}
	}
	if bestDist != 1 || n == 1 {
		return best[:min(len(best), 1)]
	}
	// A letter added or left out first.
	var added, changed []string
	for _, c := range best {
		if len([]rune(c)) != len([]rune(word)) {
			added = append(added, c)
		} else {
			changed = append(changed, c)
		}
	}
	best = append(added, changed...)
	return best[:min(len(best), n)]
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
// at most three; one alone as before.
func TestDidYouMeanNamesTies(t *testing.T) {
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"partnership-4", []string{"partnership-1", "partnership-04"}, "did you mean 'partnership-04' or 'partnership-1'?"},
		{"partnership-4", []string{"partnership-1", "partnership-2", "partnership-3", "partnership-04"}, "did you mean 'partnership-04', 'partnership-1' or 'partnership-2'?"},
		{"ecole", []string{"ecolé", "ecol", "ecoles"}, "did you mean 'ecol', 'ecoles' or 'ecolé'?"},
		{"p1c", []string{"p1a", "p1b", "p1d", "p1e"}, "did you mean 'p1a', 'p1b' or 'p1d'?"},
		{"p1c", []string{"p1a", "p1a", "p1b"}, "did you mean 'p1a' or 'p1b'?"},
		{"lincon-middle", []string{"lincoln-middle", "jefferson-middle"}, "did you mean 'lincoln-middle'?"},
		{"lincn-midle", []string{"lincoln-middle", "lincoln-midle"}, "did you mean 'lincoln-midle'?"},
		{"school-12", []string{"school-1234", "school-1256"}, "did you mean 'school-1234'?"}, // two edits: the first alone
		{"adams-high", []string{"lincoln-middle"}, ""},
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
		n := 1 + rng.IntN(3)
		if got, want := generator.ClosestN(w, cands, n), closestNByFullTable(w, cands, n); !slices.Equal(got, want) {
			t.Fatalf("ClosestN(%q, %q, %d) = %q, the full table gives %q", w, cands, n, got, want)
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
		if got, want := generator.ClosestN(word, cands, 3), closestNByFullTable(word, cands, 3); !slices.Equal(got, want) {
			t.Fatalf("ClosestN(%q, %q, 3) = %q, the full table gives %q", word, cands, got, want)
		}
	})
}
