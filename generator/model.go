package generator

import (
	"bytes"
	"cmp"
	"html/template"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// Config is the site configuration read from folio.yaml, with defaults
// applied and command-line overrides merged in.
type Config struct {
	Title    string
	BaseURL  string
	Theme    string
	Language string
	Markdown MarkdownConfig
	// Drafts includes narratives marked `draft: true` (set by --drafts).
	Drafts bool
	// Board holds the settings of the board's pages.
	Board BoardConfig
	// Dates is how the site's CSV files write dates besides YYYY-MM-DD.
	Dates DateOrder
	// Levels are the school levels the site declares besides
	// BuiltinLevels, in order, with their labels.
	Levels []Label
	// PublishAsIs are the spreadsheets under content/ that folio.yaml
	// lists to be published as they are (paths from the site folder).
	PublishAsIs []string
}

// BoardConfig is folio.yaml's board: block.
type BoardConfig struct {
	// Since is the date of the last board meeting (folio.yaml board.since,
	// or --since, which wins); the zero time means none. With a date the
	// site shows what changed since it.
	Since time.Time
}

// DateOrder says how a site's spreadsheets write dates that are not ISO
// (folio.yaml dates:).
type DateOrder string

// The orders folio.yaml's dates: can name. ISO dates (2025-03-14) are
// read whatever it says.
const (
	// ISODates reads YYYY-MM-DD only; other dates are errors with a hint.
	ISODates DateOrder = ""
	// MonthFirst reads 3/14/2025 (dates: us).
	MonthFirst DateOrder = "us"
	// DayFirst reads 14/3/2025 (dates: day-first).
	DayFirst DateOrder = "day-first"
)

// SlashDate reads s as a day and month in either order and a four-digit
// year, separated by /, . or - (3/14/2025, 14.3.2025): the date month
// first and the date day first, each where there is such a day. ok is
// false where s is not written so.
func SlashDate(s string) (monthFirst, dayFirst time.Time, mfOK, dfOK, ok bool) {
	m := slashDate.FindStringSubmatch(s)
	if m == nil || m[2] != m[4] {
		return time.Time{}, time.Time{}, false, false, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	year, _ := strconv.Atoi(m[5])
	monthFirst, mfOK = CalendarDate(year, a, b)
	dayFirst, dfOK = CalendarDate(year, b, a)
	return monthFirst, dayFirst, mfOK, dfOK, true
}

// slashDate is a day and month in either order and a four-digit year,
// separated by /, . or -.
var slashDate = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})$`)

// CalendarDate is the date year-month-day if there is such a day.
func CalendarDate(year, month, day int) (time.Time, bool) {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t, month >= 1 && month <= 12 && t.Day() == day && t.Month() == time.Month(month)
}

// BuiltinLevels are the school levels every site has, in the order the
// school list shows them; folio.yaml levels: adds more (and may relabel
// these).
var BuiltinLevels = []Label{
	{ID: "elementary", Label: "Elementary schools"},
	{ID: "middle", Label: "Middle schools"},
	{ID: "high", Label: "High schools"},
}

// MarkdownConfig controls how narratives are rendered.
type MarkdownConfig struct {
	// UnsafeHTML lets raw HTML in markdown through. Off by default: raw
	// HTML is escaped, so a <script> in a narrative is shown as text.
	UnsafeHTML bool
}

// DefaultTheme is the theme used when folio.yaml names none. It is
// compiled into the binary.
const DefaultTheme = "default"

// DistrictID is the school id that means the central office.
const DistrictID = "district"

// Content is everything read from content/: the district home, district
// narratives, schools with their narratives, and evidence artifacts.
type Content struct {
	Home     Home
	District []*Narrative
	Schools  []*School
	// Artifacts are all non-markdown files under content/, sorted by path.
	Artifacts []Artifact
	// DraftsLeftOut counts the narratives marked draft: true that were
	// left out because Config.Drafts is off.
	DraftsLeftOut int
}

// Home is the district home page, content/_index.md.
type Home struct {
	Source   string
	Title    string
	District string
	Summary  string
	Body     template.HTML
	// Links are the body's links into the site (see LocalLink).
	Links []LocalLink
}

// School is one school: its profile (content/schools/<id>/_index.md) and
// its narratives.
type School struct {
	// ID is the folder name, a lowercase slug.
	ID         string
	Source     string
	Name       string
	Level      string
	Grades     string
	Enrollment int
	Principal  string
	Summary    string
	Body       template.HTML
	// Links are the body's links into the site (see LocalLink).
	Links []LocalLink
	// Narratives are sorted by weight, then date, then title.
	Narratives []*Narrative
}

// Narrative is one markdown page written by a school or the district.
type Narrative struct {
	Source string
	// Slug is the file name without .md; it names the page's URL.
	Slug string
	// School is the school id, or "" for a district narrative.
	School    string
	Title     string
	Date      time.Time
	Standards []Ref
	Practices []Ref
	Draft     bool
	Weight    int
	// Summary is the first paragraph as plain text, for listings.
	Summary string
	// body makes the HTML of the markdown (see Body).
	body func() (template.HTML, error)
	// Charts are the ```chart blocks of the body, in order. The body holds
	// a placeholder for each that the render stage replaces.
	Charts []ChartBlock
	// Links are the body's links into the site (see LocalLink).
	Links []LocalLink
}

// Body is the narrative's HTML, asked for when the narrative's page is
// rendered rather than held in memory: 5,000 narratives held 36 MB of
// HTML through a whole build. Loading the content has checked the
// markdown and reported its problems. A build reads back the HTML it made
// while checking from a temporary file (or, where it has none, reads the
// file again: an error then means it can no longer be read, or changed
// since); the preview makes it from the markdown it kept.
func (n *Narrative) Body() (template.HTML, error) {
	if n.body == nil {
		return "", nil
	}
	return n.body()
}

// SetBody sets what makes the narrative's HTML (see Body).
func (n *Narrative) SetBody(html func() (template.HTML, error)) { n.body = html }

// Ref is an identifier cited in front matter, with where it was written so
// that an unknown one can be reported on its line.
type Ref struct {
	ID  string
	Pos Pos
}

// LocalLink is a link or image in a body that points into the site
// rather than to another site or within its own page: where it was
// written, as written, and the site path it leads to (without its query
// or #fragment): /schools/x/agenda.pdf for agenda.pdf written in
// content/schools/x/plan.md, /schools/x/walks/ for walks.md.
type LocalLink struct {
	Pos     Pos
	Written string
	Target  string
}

// ChartBlock is a fenced ```chart block in a narrative: where it starts,
// its YAML source, and its "name: value" lines as the content stage decoded
// them. Which names and values a chart kind accepts is the chart stage's
// business, not content's.
type ChartBlock struct {
	Pos    Pos
	Source string
	// Params are the block's lines in the order written.
	Params []Param
	// Invalid is set when the block could not be decoded (its problems
	// are reported already): it draws nothing and needs no more messages.
	Invalid bool
}

// Param is one "name: value" line of a flat YAML mapping, with where it was
// written.
type Param struct {
	Name, Value string
	// Pos is the position of the name.
	Pos Pos
}

// Param returns the value of the parameter name, or "".
func (b ChartBlock) Param(name string) string {
	for _, p := range b.Params {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// Artifact is an evidence file (pdf, image, spreadsheet…) under content/,
// copied beside the page it belongs to.
type Artifact struct {
	// Path is slash-separated and relative to content/, e.g.
	// "schools/lincoln-middle/agenda.pdf"; it is also the output path.
	Path string
	// Name is the file name; Type a short label such as "PDF".
	Name string
	Type string
	Size int64
}

// Catalog is one standards catalog from data/standards.yaml, such as the
// Iowa Standards for School Leaders.
type Catalog struct {
	ID        string
	Name      string
	Version   string
	Standards []Standard
}

// Standard is a numbered standard of a catalog with its criteria.
type Standard struct {
	Code     string
	Title    string
	Criteria []Criterion
}

// Criterion is a lettered descriptor of a standard, cited as "ISSL 1a".
type Criterion struct {
	Code string
	Text string
}

// Framework is the leadership framework from data/framework.yaml:
// components, their practices, and each practice's installation indicators.
type Framework struct {
	Name        string
	StatusScale []Status
	Components  []Component
}

// Status is one step of the installation scale.
type Status struct {
	ID    string
	Label string
	Color string
}

// Component is a framework component, such as the learning-focused
// partnership between central office and building leader.
type Component struct {
	ID          string
	Title       string
	Description string
	Practices   []Practice
}

// Practice is one practice of a component, with its implementation stage.
type Practice struct {
	ID   string
	Text string
	// Short is the practice's short title for charts and tables
	// (framework.yaml's optional short:); "" when not given.
	Short      string
	Stage      string
	Indicators []Indicator
}

// Indicator is an observable sign that a practice is installed. Counted
// indicators have a Target and Unit.
type Indicator struct {
	ID     string
	Text   string
	Target *float64
	Unit   string
}

// DefaultStatusScale is the installation scale used when framework.yaml
// gives none. Colours are from the Okabe–Ito palette, distinguishable with
// the common forms of colour blindness.
var DefaultStatusScale = []Status{
	{ID: "not-yet", Label: "Not yet in place", Color: "#d55e00"},
	{ID: "partial", Label: "Partially in place", Color: "#e69f00"},
	{ID: "in-place", Label: "Fully in place", Color: "#009e73"},
	{ID: "sustained", Label: "Sustained over two or more cycles", Color: "#0072b2"},
}

// NotApplicable is the status always allowed besides the scale; it is left
// out of shares.
const NotApplicable = "not-applicable"

// Stages are the implementation stages a practice can be at, in order.
var Stages = []string{"exploration", "installation", "initial", "full"}

// File is one file of the built site. Exactly one of Data and Source is
// set: Data holds generated bytes; Source names a file to copy (an
// evidence artifact or a static asset), so large files are never held in
// memory.
type File struct {
	// Path is slash-separated and relative to the output folder.
	Path string
	Data []byte
	// Source is the file to copy, in SourceFS.
	Source   string
	SourceFS fs.FS
	// Release, when not nil, hands Data's memory back for reuse: the one
	// who consumes the file last (the writer that wrote it) calls it once,
	// after which Data must not be read. One that keeps Data, or does not
	// know, leaves it uncalled, and the memory is the garbage collector's.
	Release func()
}

// Kept returns f with a copy of Data of its own and its memory given
// back (Release), for a consumer that keeps the file.
func (f File) Kept() File {
	if f.Release != nil {
		f.Data = bytes.Clone(f.Data)
		f.Release()
		f.Release = nil
	}
	return f
}

// SortNarratives orders narratives as pages list them: by weight, then
// date (older first), then title, then slug, so that the order never
// depends on the file system. It sorts in place and returns ns.
func SortNarratives(ns []*Narrative) []*Narrative {
	slices.SortFunc(ns, func(a, b *Narrative) int {
		return cmp.Or(
			cmp.Compare(a.Weight, b.Weight),
			a.Date.Compare(b.Date),
			cmp.Compare(a.Title, b.Title),
			cmp.Compare(a.Slug, b.Slug),
		)
	})
	return ns
}
