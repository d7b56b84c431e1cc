package site

import (
	"testing"

	"github.com/folio-sites/folio/generator/chart"
)

// TestSectionSetDrawsOnceReleasesAndCounts: a school's sections are drawn
// on first use only, released to be drawn again, counted without drawing
// again once counted; a draw that panics panics again on the next call
// instead of leaving the page without charts; sections made while
// assembling are never released.
func TestSectionSetDrawsOnceReleasesAndCounts(t *testing.T) {
	draws, crash := 0, true
	ss := &sectionSet{draw: func() []Section {
		draws++
		if crash {
			panic("a bug")
		}
		return []Section{{ID: "trust", Charts: []*chart.Chart{{ID: "a"}, {ID: "b"}}}}
	}}
	p := &Page{sections: ss}
	if p.SectionsDrawn() {
		t.Fatal("drawn before it was asked for")
	}
	for range 2 {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("a draw that panics did not panic")
				}
			}()
			p.Sections()
		}()
	}
	crash = false
	if got := len(p.Sections()); got != 1 || draws != 3 {
		t.Fatalf("%d sections after %d draws, want 1 after 3", got, draws)
	}
	p.Sections()
	if draws != 3 || !p.SectionsDrawn() {
		t.Errorf("drawn %d times, want once more than the panics", draws)
	}
	p.ReleaseSections()
	if p.SectionsDrawn() {
		t.Error("still drawn after release")
	}
	if n := p.ChartCount(); n != 2 || draws != 3 {
		t.Errorf("ChartCount = %d after %d draws, want 2 without drawing again", n, draws)
	}
	if len(p.Sections()) != 1 || draws != 4 {
		t.Errorf("released sections were not drawn again (%d draws)", draws)
	}
	made := &Page{sections: drawnSections([]Section{{ID: "x"}})}
	made.ReleaseSections()
	if !made.SectionsDrawn() || len(made.Sections()) != 1 {
		t.Error("sections made while assembling were released")
	}
	if n := (&Page{}).ChartCount(); n != 0 {
		t.Errorf("a page without sections counts %d charts", n)
	}
}
