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
// name published there; links that lead somewhere (however the address is
// written: escaped, with character references, percent-encoded, a folder
// without its slash), to another site, within the page, to the pages
// folio makes, to a chart's CSV and to a file or folder whose own problem
// is reported (a narrative with an error, a spreadsheet that is not
// published, a school folder without _index.md) are not. A link to a
// draft is reported whether this build has the drafts or not (the
// published site has not), but not from another draft.
func TestLinksThatLeadNowhereAreReported(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md": file("---\ntitle: Home\n---\nSee [the plan](district/plan.md) and [Oak](schools/oak/), [Oak again](schools/oak).\n"),
		"content/district/plan.md": file("---\ntitle: Plan\n---\n" +
			"[Oak's walks](../schools/oak/walks.md), [a walk](/schools/oak/walk.md),\n" +
			"[the board](/board/), [standards](/standards/), [all schools](/schools/),\n" +
			"[elsewhere](https://example.org/x.pdf), [results](#results), [mail](mailto:a@b.org),\n" +
			"[a draft](/schools/oak/later.md), [Elm](/schools/elm/), [Ash](/schools/ash/) and [plan B](/district/plan-b.md).\n"),
		"content/schools/oak/_index.md":         file("---\nname: Oak\n---\n![the garden](garden.jpg) ![the gardn](gardn.jpg)\n"),
		"content/schools/oak/garden.jpg":        file("jpeg"),
		"content/schools/oak/agenda.pdf":        file("pdf"),
		"content/schools/oak/my plan.pdf":       file("pdf"),
		"content/schools/oak/learning_walk.pdf": file("pdf"),
		"content/schools/oak/café.jpg":          file("jpeg"),
		"content/schools/oak/walks.md": file("---\ntitle: Walks\n---\n" +
			"The [agenda](agenda.pdf) and the\n" +
			"[minutes](minutes.pdf), the [agenda again](./agenda.pdf#page=2),\n" +
			"[the data](chart_trust_oak_trend.csv), [home](../../_index.md), [my plan](my%20plan.pdf), [again](<my plan.pdf>)\n" +
			"and [scores](scores.xlsx), [broken](broken.md), [walk](learning\\_walk.pdf), ![photo](caf&eacute;.jpg), [w](walks).\n" +
			"\n" +
			"A [](nothing.pdf) with no words, [later](../later/) as another generator reads it, and\n" +
			"[\"quoted\"](quoted.pdf).\n"),
		"content/schools/oak/broken.md":   file("---\ntitle: [Broken\n---\nIts own error is reported; a link to it is not.\n"),
		"content/schools/oak/later.md":    file("---\ntitle: Later\ndraft: true\n---\nNot yet. [Also not yet](sooner.md).\n"),
		"content/schools/oak/sooner.md":   file("---\ntitle: Sooner\ndraft: true\n---\nNot yet either.\n"),
		"content/schools/oak/scores.xlsx": file("not published: not in publish_as_is"),
		"content/schools/ash/plan.md":     file("---\ntitle: Ash's plan\n---\nAsh has no _index.md: its own error.\n"),
	}
	want := []string{
		"content/district/plan.md:7: warning: link to '/schools/oak/later.md' leads nowhere on the published site — it is a draft: the published site leaves it out until its draft: true is removed",
		"content/district/plan.md:7: warning: link to '/schools/elm/' leads nowhere on the published site — there is no school folder content/schools/elm/ with an _index.md; correct the link",
		"content/district/plan.md:7: warning: link to '/district/plan-b.md' leads nowhere on the published site — did you mean 'plan.md'?",
		"content/district/plan.md:4: warning: link to '/schools/oak/walk.md' leads nowhere on the published site — did you mean 'walks.md'?",
		"content/schools/oak/_index.md:4: warning: link to 'gardn.jpg' leads nowhere on the published site — did you mean 'garden.jpg'?",
		"content/schools/oak/walks.md:5: warning: link to 'minutes.pdf' leads nowhere on the published site — put the file in content/schools/oak/, or correct the link",
		"content/schools/oak/walks.md:9: warning: link to 'nothing.pdf' leads nowhere on the published site — put the file in content/schools/oak/, or correct the link",
		"content/schools/oak/walks.md:9: warning: link to '../later/' leads nowhere on the published site — links are read from the file's folder, as GitHub shows them: write 'later.md' for the narrative beside this one",
		"content/schools/oak/walks.md:10: warning: link to 'quoted.pdf' leads nowhere on the published site — put the file in content/schools/oak/, or correct the link",
	}
	slices.Sort(want)
	for _, drafts := range []bool{false, true} {
		_, diags := load(t, fsys, generator.Config{Drafts: drafts})
		var got []string
		for _, d := range diags {
			if strings.Contains(d, "leads nowhere") {
				got = append(got, d)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("drafts %v: got\n%s\nwant\n%s", drafts, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
