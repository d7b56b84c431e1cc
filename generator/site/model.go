package site

import (
	"sync"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/message"
)

// Kind names the template a page is rendered with.
type Kind string

// The page kinds; each has a template of the same name in the theme.
const (
	KindHome      Kind = "home"
	KindDistrict  Kind = "district"
	KindSchools   Kind = "schools"
	KindSchool    Kind = "school"
	KindNarrative Kind = "narrative"
	KindStandards Kind = "standards"
	KindStandard  Kind = "standard"
	KindFramework Kind = "framework"
	KindBoard     Kind = "board"
	KindGoals     Kind = "goals"
	KindChanges   Kind = "changes"
	KindNotFound  Kind = "notfound"
	// KindCompare is a page of comparisons of every school on one kind of
	// evidence, which a district of more than BoardSchools schools has in
	// place of the home page's (see comparePages).
	KindCompare Kind = "compare"
)

// Site is the assembled site: configuration, content, evidence and the
// pages to render, in a stable order.
type Site struct {
	Config generator.Config
	// Title is folio.yaml's title, else the home page's, else "Portfolio".
	Title    string
	Content  *generator.Content
	Evidence *evidence.Data
	// Levels groups the schools by level (elementary, middle, high, then
	// others) for navigation.
	Levels []LevelGroup
	// Standards lists every standard and criterion of every catalog, in
	// catalog order, with the narratives citing each.
	Standards []*StandardEntry
	// Practices maps a practice id to the narratives citing it.
	Practices map[string][]*generator.Narrative
	Pages     []*Page
	// Messages words every sentence the site writes (see package message).
	Messages *message.Catalog

	// charts is what the chart registry draws from.
	charts *chart.Input
	// views holds each school's own evidence, from which its charts are
	// drawn (when asked for); see Site.view.
	views     map[string]*evidence.Data
	viewsOnce sync.Once
	// inline holds each narrative's charts; prev is the site Reassemble
	// reuses charts from, while it runs.
	inline map[*generator.Narrative]drawn
	prev   *Site
	reuse  map[string][]Section
	// facts holds what each place's board shows from the evidence alone
	// (data as of, comparisons with the district), kept for Reassemble,
	// which reuses them as it reuses charts (reuseFacts, while it runs):
	// they depend on the same inputs.
	facts, reuseFacts map[string]placeFacts
	// failedData are the data files that have errors (see failedToLoad).
	failedData map[string]bool
	// byURL indexes Pages by URL (see PageAt).
	byURL map[string]*Page
	// schools indexes Content.Schools by id.
	schools map[string]*generator.School
	// board holds the goals' progress and the changes since
	// Config.Board.Since, computed once.
	board boardData
}

// LevelGroup is the schools of one level.
type LevelGroup struct {
	Level   string
	Label   string
	Schools []*generator.School
}

// Link is a titled URL.
type Link struct {
	Title string
	URL   string
	// ID is the element id of the link's entry where other pages link to
	// it by anchor (a school in a large district's packet: the school's
	// page links /board/#school-<id>); "" for none.
	ID string
}

// Page is one page of the site.
type Page struct {
	Kind  Kind
	URL   string
	Title string
	// Description is a one-line summary for listings and metadata.
	Description string
	Crumbs      []Link
	Prev, Next  *Link
	// One of the following is set, depending on Kind.
	School    *generator.School
	Narrative *generator.Narrative
	Standard  *StandardEntry
	// Artifacts are the evidence files listed on this page.
	Artifacts []generator.Artifact
	// Compare links, on the home page of a district of more than
	// BoardSchools schools, the pages that compare its schools (see
	// comparePages); nil elsewhere.
	Compare []Link
	// sections are the page's evidence charts (see Sections).
	sections *sectionSet
	// Inline are the charts of a narrative's ```chart blocks, in order;
	// an entry is nil where the block had an error.
	Inline []*chart.Chart
	// Board holds the board's sections of the page: data as of, changes
	// since the last meeting, goals, the school beside the district. It is
	// nil on pages without them.
	Board *Board
}

// Sections are the page's evidence charts, by kind of evidence. A
// school's are drawn when first asked for, and may be released once its
// files are written (ReleaseSections): a build does not hold a thousand
// schools' charts at once, and a server does not draw them before its
// first page. Drawing again gives the same charts.
func (p *Page) Sections() []Section {
	if p.sections == nil {
		return nil
	}
	return p.sections.get()
}

// SectionsDrawn reports whether Sections would return without drawing.
func (p *Page) SectionsDrawn() bool { return p.sections == nil || p.sections.isDrawn() }

// ReleaseSections lets go of the page's chart sections if they can be
// drawn again (a school's): a build that has written the page and its
// CSVs calls it. Sections draws them again if asked.
func (p *Page) ReleaseSections() {
	if p.sections != nil {
		p.sections.release()
	}
}

// ChartCount is len(p.Charts()), without drawing again sections that were
// drawn and released.
func (p *Page) ChartCount() int {
	n := 0
	if p.sections != nil {
		n = p.sections.count()
	}
	for _, c := range p.Inline {
		if c != nil {
			n++
		}
	}
	if p.Board != nil {
		n += len(p.Board.Goals)
	}
	return n
}

// sectionSet holds a page's chart sections, or how to draw them.
type sectionSet struct {
	mu    sync.Mutex
	secs  []Section
	drawn bool
	// draw makes secs; nil for sections that cannot be drawn again
	// (made while assembling), which release keeps. A draw that panics
	// leaves the set undrawn: the next call panics again rather than
	// showing no charts.
	draw func() []Section
	// charts is how many charts the drawing holds, once counted (kept
	// when released).
	charts  int
	counted bool
}

// drawnSections holds sections made while assembling.
func drawnSections(secs []Section) *sectionSet {
	return &sectionSet{secs: secs, drawn: true, charts: countCharts(secs), counted: true}
}

func countCharts(secs []Section) int {
	n := 0
	for _, sec := range secs {
		n += len(sec.Charts)
	}
	return n
}

func (ss *sectionSet) get() []Section {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if !ss.drawn {
		secs := ss.draw()
		ss.secs, ss.drawn, ss.charts, ss.counted = secs, true, countCharts(secs), true
	}
	return ss.secs
}

func (ss *sectionSet) isDrawn() bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.drawn
}

func (ss *sectionSet) release() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.draw != nil && ss.drawn {
		ss.secs, ss.drawn = nil, false
	}
}

// count is the number of charts, drawing them if they never were.
func (ss *sectionSet) count() int {
	ss.mu.Lock()
	counted := ss.counted
	ss.mu.Unlock()
	if !counted {
		ss.get()
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.charts
}

// Charts returns every chart on the page.
func (p *Page) Charts() []*chart.Chart {
	var out []*chart.Chart
	for _, s := range p.Sections() {
		out = append(out, s.Charts...)
	}
	for _, c := range p.Inline {
		if c != nil {
			out = append(out, c)
		}
	}
	if p.Board != nil {
		for _, g := range p.Board.Goals {
			out = append(out, g.Chart)
		}
	}
	return out
}

// StandardEntry is a standard or one of its criteria, with the narratives
// that cite it. A standard's page also lists what cites its criteria.
type StandardEntry struct {
	Catalog *generator.Catalog
	// Code is "1" for a standard, "1a" for a criterion.
	Code string
	// Cite is how narratives cite it: "ISSL 1a".
	Cite string
	// Text is the standard's title or the criterion's descriptor.
	Text string
	// Parent is the standard of a criterion; nil for a standard.
	Parent *StandardEntry
	// Criteria are a standard's criteria; nil for a criterion.
	Criteria []*StandardEntry
	URL      string
	CitedBy  []*generator.Narrative
}

// IsCriterion reports whether the entry is a criterion of a standard.
func (e *StandardEntry) IsCriterion() bool { return e.Parent != nil }
