package content_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
)

// A link or image into a school's or the district's folder that leads to
// nothing the build publishes is a warning at its line, with the closest
// name published there; links that lead somewhere, to another site,
// within the page, to the pages folio makes, to a chart's CSV and to a
// file whose own problem is reported (a narrative with an error, a
// spreadsheet that is not published) are not.
func TestLinksThatLeadNowhereAreReported(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md": file("---\ntitle: Home\n---\nSee [the plan](district/plan.md) and [Oak](schools/oak/).\n"),
		"content/district/plan.md": file("---\ntitle: Plan\n---\n" +
			"[Oak's walks](../schools/oak/walks.md), [a walk](/schools/oak/walk.md),\n" +
			"[the board](/board/), [standards](/standards/), [all schools](/schools/),\n" +
			"[elsewhere](https://example.org/x.pdf), [results](#results), [mail](mailto:a@b.org),\n" +
			"[a draft](/schools/oak/later.md), [Elm](/schools/elm/) and [plan B](/district/plan-b.md).\n"),
		"content/schools/oak/_index.md":   file("---\nname: Oak\n---\n![the garden](garden.jpg) ![the gardn](gardn.jpg)\n"),
		"content/schools/oak/garden.jpg":  file("jpeg"),
		"content/schools/oak/agenda.pdf":  file("pdf"),
		"content/schools/oak/my plan.pdf": file("pdf"),
		"content/schools/oak/walks.md": file("---\ntitle: Walks\n---\n" +
			"The [agenda](agenda.pdf) and the\n" +
			"[minutes](minutes.pdf), the [agenda again](./agenda.pdf#page=2),\n" +
			"[the data](chart_trust_oak_trend.csv), [home](../../_index.md), [my plan](my%20plan.pdf), [again](<my plan.pdf>)\n" +
			"and [scores](scores.xlsx), [broken](broken.md).\n"),
		"content/schools/oak/broken.md":   file("---\ntitle: [Broken\n---\nIts own error is reported; a link to it is not.\n"),
		"content/schools/oak/later.md":    file("---\ntitle: Later\ndraft: true\n---\nNot yet.\n"),
		"content/schools/oak/scores.xlsx": file("not published: not in publish_as_is"),
	}
	_, diags := load(t, fsys, generator.Config{})
	var got []string
	for _, d := range diags {
		if strings.Contains(d, "leads nowhere") {
			got = append(got, d)
		}
	}
	want := []string{
		"content/district/plan.md:7: warning: link to '/schools/oak/later.md' leads nowhere on the published site — it is a draft, left out until its draft: true is removed (folio serve --drafts shows it)",
		"content/district/plan.md:7: warning: link to '/schools/elm/' leads nowhere on the published site — there is no school folder content/schools/elm/ with an _index.md; correct the link",
		"content/district/plan.md:7: warning: link to '/district/plan-b.md' leads nowhere on the published site — did you mean 'plan.md'?",
		"content/district/plan.md:4: warning: link to '/schools/oak/walk.md' leads nowhere on the published site — did you mean 'walks.md'?",
		"content/schools/oak/_index.md:4: warning: link to 'gardn.jpg' leads nowhere on the published site — did you mean 'garden.jpg'?",
		"content/schools/oak/walks.md:5: warning: link to 'minutes.pdf' leads nowhere on the published site — put the file in content/schools/oak/, or correct the link",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// With drafts, the draft is published and the link to it leads there.
	_, diags = load(t, fsys, generator.Config{Drafts: true})
	for _, d := range diags {
		if strings.Contains(d, "later.md' leads nowhere") {
			t.Errorf("with drafts: %s", d)
		}
	}
}
