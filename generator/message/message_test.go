package message_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/message"
)

func TestDefaultCatalogFillsPlaceholdersAndPlurals(t *testing.T) {
	c := message.Default("en")
	tests := []struct {
		id   string
		args []any
		want string
	}{
		{"place.district", []any{"district", "Prairie River CSD"}, "Prairie River CSD, all schools"},
		{"cell.fewer.students", []any{"n", 10}, "fewer than 10 students"},
		{"cell.fewer.students", []any{"n", 1}, "fewer than 1 student"},
		{"chart.installation.summary", []any{"place", "Oak", "n", 0, "of", 3}, "Oak: none of the 3 indicators observed is installed or sustained yet."},
		{"chart.installation.summary", []any{"place", "Oak", "n", 1, "of", 3}, "Oak: 1 of 3 indicators is installed or sustained."},
		{"chart.installation.summary", []any{"place", "Oak", "n", 2, "of", 3}, "Oak: 2 of 3 indicators are installed or sustained."},
		{"no.such.id", nil, "[no.such.id]"},
		{"place.district", nil, "{district}, all schools"},
	}
	for _, tt := range tests {
		if got := c.Text(tt.id, tt.args...); got != tt.want {
			t.Errorf("Text(%s, %v) = %q, want %q", tt.id, tt.args, got, tt.want)
		}
	}
	// A language without a file falls back to English.
	if got := message.Default("fr").Text("nav.home"); got != "Home" {
		t.Errorf("fr nav.home = %q", got)
	}
}

func TestSiteOverrides(t *testing.T) {
	site := fstest.MapFS{"i18n/en.yaml": {Data: []byte(`# the district's own words
place.district: "{district} (every school)"
cell.fewer.students:
  one: "under {n} pupil"
  other: "under {n} pupils"
chart.trust.title: "Trust — {group} at {school}"
nav.hom: "Start"
chart.installation.summary: {one: "{place}: {n} of {of} done."}
cell.no-data: [a, b]
`)}}
	var ds generator.Diagnostics
	c := message.ForSite(site, "default", "en", &ds)
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		"i18n/en.yaml:6:1: message 'chart.trust.title' has no placeholder {school} — this message can use {group}, {place}, {years}",
		"i18n/en.yaml:7:1: warning: unknown message id 'nav.hom' — did you mean 'nav.home'?",
		"i18n/en.yaml:8:1: message 'chart.installation.summary' has plural forms but no 'other' — add other: \"…\", used for every number without a form of its own",
		"i18n/en.yaml:9:15: message 'cell.no-data' is neither text nor plural forms — write id: \"text\", or id: {one: \"…\", other: \"…\"}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := c.Text("place.district", "district", "Oak CSD"); got != "Oak CSD (every school)" {
		t.Errorf("override not applied: %q", got)
	}
	if got := c.Text("cell.fewer.students", "n", 10); got != "under 10 pupils" {
		t.Errorf("plural override not applied: %q", got)
	}
	if got := c.Text("chart.trust.title", "group", "Teachers"); !strings.HasPrefix(got, "Trust by facet — Teachers") {
		t.Errorf("an override with an error replaced the default: %q", got)
	}
}

func TestEveryDefaultMessageIsWellFormed(t *testing.T) {
	c := message.Default("en")
	if len(c.IDs()) < 100 {
		t.Errorf("only %d messages", len(c.IDs()))
	}
	for _, id := range c.IDs() {
		if got := c.Text(id); strings.TrimSpace(got) == "" && id != "list.sep" {
			t.Errorf("%s is empty", id)
		}
	}
}
