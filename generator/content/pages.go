package content

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"path"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/sitefs"
	"github.com/folio-sites/folio/generator/yamldoc"
)

// homeMeta is the front matter of content/_index.md.
type homeMeta struct {
	Title    string `yaml:"title"`
	District string `yaml:"district"`
	Summary  string `yaml:"summary"`
}

// schoolMeta is the front matter of content/schools/<id>/_index.md.
type schoolMeta struct {
	Name       string        `yaml:"name"`
	Level      generator.Ref `yaml:"level"`
	Grades     string        `yaml:"grades"`
	Enrollment int           `yaml:"enrollment"`
	Principal  string        `yaml:"principal"`
	Summary    string        `yaml:"summary"`
}

// narrativeMeta is the front matter of a district or school narrative.
type narrativeMeta struct {
	Title     string          `yaml:"title"`
	Date      time.Time       `yaml:"date"`
	Standards []generator.Ref `yaml:"standards"`
	Practices []generator.Ref `yaml:"practices"`
	Draft     bool            `yaml:"draft"`
	Weight    int             `yaml:"weight"`
}

// home reads the district home. Its title is optional: the render stage
// can fall back to the site title.
func (l *loader) home(p string) (generator.Home, bool) {
	pg, ok := l.read(p)
	if !ok {
		return generator.Home{}, false
	}
	var m homeMeta
	if !pg.decode(&m, l.ds) {
		return generator.Home{}, false
	}
	r := l.render(pg)
	return generator.Home{
		Source:   p,
		Title:    strings.TrimSpace(m.Title),
		District: strings.TrimSpace(m.District),
		Summary:  cmp.Or(strings.TrimSpace(m.Summary), r.summary),
		Body:     r.html,
		Links:    r.links,
	}, true
}

// school reads a school profile, or returns nil when it cannot be used.
func (l *loader) school(p, id string) *generator.School {
	pg, ok := l.read(p)
	if !ok {
		return nil
	}
	var m schoolMeta
	if !pg.decode(&m, l.ds) {
		return nil
	}
	name := strings.TrimSpace(m.Name)
	if name == "" {
		l.missing(pg, "name")
	}
	r := l.render(pg)
	return &generator.School{
		ID:         id,
		Source:     p,
		Name:       name,
		Level:      l.level(m.Level),
		Grades:     strings.TrimSpace(m.Grades),
		Enrollment: m.Enrollment,
		Principal:  strings.TrimSpace(m.Principal),
		Summary:    cmp.Or(strings.TrimSpace(m.Summary), r.summary),
		Body:       r.html,
		Links:      r.links,
	}
}

// narrative reads a narrative of school ("" for the district). It returns
// nil for a page that cannot be used or is an excluded draft.
func (l *loader) narrative(p, school string) *generator.Narrative {
	name := path.Base(p)
	slug := strings.TrimSuffix(name, ".md")
	validSlug := isSlug(slug)
	if !validSlug {
		hint := "use lowercase letters, digits and single hyphens, e.g. family-night.md; the name becomes the page's address"
		if s := generator.Slugify(slug); s != "" {
			hint = "rename it to " + s + ".md; the name becomes the page's address"
		}
		l.ds.Errorf(generator.Pos{File: p}, hint, "narrative file name '%s' is not a lowercase slug", name)
	}
	pg, ok := l.read(p)
	if !ok {
		return nil
	}
	var m narrativeMeta
	if !pg.decode(&m, l.ds) {
		return nil
	}
	title := strings.TrimSpace(m.Title)
	if title == "" {
		l.missing(pg, "title")
	}
	if m.Draft && !l.cfg.Drafts {
		l.leftOut = validSlug
		return nil
	}
	if !validSlug {
		return nil
	}
	// The preview keeps the markdown and makes the HTML when a page asks;
	// a build makes it now, while checking, and spools it (see spool).
	r := l.md.read(pg.body, pg.file, pg.bodyLine, l.ds, !l.keepMarkdown)
	l.decodeCharts(r.charts)
	var spooled func() (template.HTML, error)
	if !l.keepMarkdown {
		spooled, _ = l.spool.put(r.html)
	}
	n := &generator.Narrative{
		Source:    p,
		Slug:      slug,
		School:    school,
		Title:     title,
		Date:      m.Date,
		Standards: m.Standards,
		Practices: m.Practices,
		Draft:     m.Draft,
		Weight:    m.Weight,
		Summary:   r.summary,
		Charts:    r.charts,
		Links:     r.links,
	}
	n.SetBody(l.bodyOf(p, pg, spooled))
	return n
}

// bodyOf makes the HTML of the narrative pg read from p, which this loader
// has checked, when it is asked for (see Narrative.Body): from pg's
// markdown if the loader keeps it, else from the spool (spooled, when not
// nil), else from the file, which must still hold the same bytes.
func (l *loader) bodyOf(p string, pg page, spooled func() (template.HTML, error)) func() (template.HTML, error) {
	md := l.md
	if l.keepMarkdown {
		return func() (template.HTML, error) { return md.HTML(pg.body, p, pg.bodyLine) }
	}
	if spooled != nil {
		return spooled
	}
	fsys, sum := l.fsys, l.sum()
	return func() (template.HTML, error) {
		src, err := sitefs.ReadFileUpTo(fsys, p, MaxMarkdownSize)
		if big := (*sitefs.TooLargeError)(nil); err != nil && !errors.As(err, &big) {
			return "", fmt.Errorf("%s: cannot read file: %s (build again)", p, reason(err))
		}
		if err != nil || sha256.Sum256(src) != sum { // over the limit: it was not when loaded
			return "", fmt.Errorf("%s changed while the site was being built (build again)", p)
		}
		var ds generator.Diagnostics
		pg, ok := splitPage(p, src, &ds)
		if !ok {
			return "", nil
		}
		return md.HTML(pg.body, p, pg.bodyLine)
	}
}

// read reads and splits the page at p; false means it cannot be used.
func (l *loader) read(p string) (page, bool) {
	src := l.src
	if src == nil {
		var err error
		src, err = sitefs.ReadFileUpTo(l.fsys, p, MaxMarkdownSize)
		if big := (*sitefs.TooLargeError)(nil); errors.As(err, &big) {
			checkSize(p, big.Size, l.ds)
			return page{}, false // not read: it could be any size
		}
		if err != nil {
			l.ds.Errorf(generator.Pos{File: p}, "check that the file can be read", "cannot read file: %s", reason(err))
			return page{}, false
		}
		l.src = src
	}
	return splitPage(p, src, l.ds)
}

// render renders the body of a home or school page, where a chart block
// is an error: only narratives have a place for charts.
func (l *loader) render(pg page) readBody {
	r := l.md.read(pg.body, pg.file, pg.bodyLine, l.ds, true)
	for _, c := range r.charts {
		l.ds.Errorf(c.Pos, "move the chart into a narrative, in content/district/ or content/schools/<id>/",
			"chart blocks are shown only in narratives, not in _index.md")
	}
	return r
}

// decodeCharts decodes the parameters of a narrative's chart blocks.
func (l *loader) decodeCharts(charts []generator.ChartBlock) {
	for i := range charts {
		b := &charts[i]
		params, ok := yamldoc.Fields([]byte(b.Source), yamldoc.Options{File: b.Pos.File, FirstLine: b.Pos.Line + 1}, l.ds)
		b.Params, b.Invalid = params, !ok
	}
}

// missing reports a required field that is absent or blank, at the line
// where the front matter opens (line 1 when there is none).
func (l *loader) missing(pg page, field string) {
	l.ds.Errorf(generator.Pos{File: pg.file, Line: pg.openLine}, pg.requireHint(field), "missing required field '%s'", field)
}
