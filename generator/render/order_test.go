package render

import (
	"slices"
	"testing"

	"github.com/folio-sites/folio/generator/site"
)

// The pages that gather the whole district are rendered first, the rest
// in the site's order, each page once.
func TestRenderOrderPutsGatheringPagesFirst(t *testing.T) {
	kinds := []site.Kind{site.KindHome, site.KindDistrict, site.KindNarrative, site.KindSchools, site.KindSchool,
		site.KindNarrative, site.KindFramework, site.KindBoard, site.KindNotFound}
	pages := make([]*site.Page, len(kinds))
	for i, k := range kinds {
		pages[i] = &site.Page{Kind: k}
	}
	if got, want := renderOrder(pages), []int{0, 3, 6, 7, 1, 2, 4, 5, 8}; !slices.Equal(got, want) {
		t.Errorf("renderOrder = %v, want %v", got, want)
	}
	if got := renderOrder(nil); len(got) != 0 {
		t.Errorf("renderOrder(nil) = %v", got)
	}
}
