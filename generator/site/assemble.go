package site

import (
	"cmp"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/message"
)

// Assemble links content and evidence into a Site, reporting references
// that do not resolve (unknown standard or practice) at the line citing
// them. msgs words the site's sentences; nil means the default theme's
// catalog in the site's language.
func Assemble(cfg generator.Config, c *generator.Content, ev *evidence.Data, msgs *message.Catalog, ds *generator.Diagnostics) *Site {
	return Reassemble(nil, cfg, c, ev, msgs, ds)
}

// Reassemble is Assemble reusing the charts of prev (nil for none) whose
// inputs did not change. Charts depend on the evidence, on the places
// (every school's id and name, the district's name) and on the messages:
// when ev is prev's evidence — the same value, since the build reuses
// evidence only when data/ did not change — and the places and the
// messages are the same, each school's and the district's chart
// sections (those prev drew) and comparisons with the district, the home
// page's comparisons and the charts of a narrative prev also had (the
// same value: content reuses what did not change) are taken from prev.
// Everything else — links, lists, citations, pages — is made anew, so the
// result is what Assemble would give. prev is not changed.
//
// A school's chart sections are drawn when first asked for (see
// Page.Sections), except those the board packet shows (a district of at
// most BoardSchools schools), drawn while assembling.
func Reassemble(prev *Site, cfg generator.Config, c *generator.Content, ev *evidence.Data, msgs *message.Catalog, ds *generator.Diagnostics) *Site {
	if msgs == nil {
		msgs = message.Default(cmp.Or(cfg.Language, "en"))
	}
	s := &Site{Config: cfg, Content: c, Evidence: ev, Messages: msgs, Practices: map[string][]*generator.Narrative{}, schools: map[string]*generator.School{}}
	for _, sc := range c.Schools {
		s.schools[sc.ID] = sc
	}
	s.failedData = dataErrors(*ds)
	s.Title = cmp.Or(cfg.Title, c.Home.Title, c.Home.District, "Portfolio")
	if prev != nil && prev.Evidence == ev && slices.Equal(prev.places(), s.places()) && prev.Messages.Same(msgs) {
		s.prev = prev
		s.reuse = map[string][]Section{}
		for _, p := range prev.Pages {
			// What prev drew, not how it draws: that would keep prev, and
			// all it holds, alive.
			if k := sectionsKey(p); k != "" && p.SectionsDrawn() {
				s.reuse[k] = p.Sections()
			}
		}
		s.reuseFacts = prev.facts
	}
	s.Levels = groupByLevel(c.Schools, cfg.Levels, msgs)
	s.Standards = standardEntries(ev.Catalogs)

	byCite, practices := s.citeIndex(), s.practiceIDs()
	for _, n := range allNarratives(c) {
		s.resolveStandards(n, byCite, ds)
		s.resolvePractices(n, practices, ds)
	}
	s.charts = s.chartInput()
	s.prepareBoard()
	s.Pages = s.pages()
	s.Pages = append(s.Pages, s.boardPage(), &Page{Kind: KindNotFound, URL: "/404.html", Title: msgs.Text("page.notfound.title"),
		Description: msgs.Text("page.notfound.description")})
	s.byURL = make(map[string]*Page, len(s.Pages))
	s.inline = map[*generator.Narrative]drawn{}
	for _, p := range s.Pages {
		s.byURL[p.URL] = p
		if p.Narrative != nil {
			s.drawInline(p, ds) // which sets their Home
		}
		// A goal's chart belongs to the first page showing it. (Chart
		// sections get theirs when drawn: see Site.sections.)
		if p.Board != nil {
			for _, g := range p.Board.Goals {
				if g.Chart.Home == "" {
					g.Chart.Home = p.URL
				}
			}
		}
	}
	checkArtifacts(cfg, c.Artifacts, s.Pages, ds)
	// Only needed while assembling. (The views stay: schools' charts are
	// drawn from them when asked for.)
	s.prev, s.reuse, s.reuseFacts = nil, nil, nil
	return s
}

// drawn are the charts drawn from a narrative's blocks and the problems
// found in them, kept for Reassemble.
type drawn struct {
	charts []*chart.Chart
	ds     generator.Diagnostics
}

// drawInline draws the charts of the ```chart blocks of p's narrative, or
// takes them from the previous site.
func (s *Site) drawInline(p *Page, ds *generator.Diagnostics) {
	n := p.Narrative
	if len(n.Charts) == 0 {
		return
	}
	in, ok := drawn{}, false
	if s.prev != nil {
		in, ok = s.prev.inline[n]
	}
	if !ok {
		func() {
			defer generator.Guard(n.Source)
			in.charts = s.inlineCharts(n, &in.ds)
		}()
		for _, c := range in.charts {
			if c != nil {
				c.Home = p.URL
			}
		}
	}
	s.inline[n] = in
	p.Inline = in.charts
	*ds = append(*ds, in.ds...)
}

// sectionsKey names the page whose chart sections Reassemble may reuse:
// a school's, the district's or the home page.
func sectionsKey(p *Page) string {
	switch p.Kind {
	case KindSchool:
		return "school " + p.School.ID
	case KindHome, KindDistrict:
		return string(p.Kind)
	case KindCompare:
		return "compare " + p.URL
	}
	return ""
}

// sections returns the chart sections of the page at url named by key:
// the home page's and the district's drawn now, a school's when first
// asked for (see Page.Sections), from the previous site's drawing when it
// can. Each chart drawn belongs to the page (its Home, beside which its
// CSV is written).
func (s *Site) sections(key, url string, draw func() []Section) *sectionSet {
	drawHere := func() []Section {
		secs := draw()
		for _, sec := range secs {
			for _, c := range sec.Charts {
				if c.Home == "" {
					c.Home = url
				}
			}
		}
		return secs
	}
	prev, reused := s.reuse[key]
	switch {
	case !strings.HasPrefix(key, "school "):
		if !reused {
			prev = drawHere()
		}
		return drawnSections(prev)
	case reused:
		return &sectionSet{secs: prev, drawn: true, draw: drawHere, charts: countCharts(prev), counted: true}
	}
	return &sectionSet{draw: drawHere}
}

// citeIndex maps how each standard is cited, lower-cased, to its entry;
// resolveStandards adds each way a narrative writes a citation as it
// meets it, so that 10,000 citations of a few dozen standards are each
// looked up as written.
func (s *Site) citeIndex() map[string]*StandardEntry {
	byCite := make(map[string]*StandardEntry, len(s.Standards))
	for _, e := range s.Standards {
		byCite[strings.ToLower(e.Cite)] = e
	}
	return byCite
}

// practiceIDs lists the framework's practice ids.
func (s *Site) practiceIDs() []string {
	var ids []string
	if fw := s.Evidence.Framework; fw != nil {
		for _, c := range fw.Components {
			for _, p := range c.Practices {
				ids = append(ids, p.ID)
			}
		}
	}
	return ids
}

// allNarratives returns district narratives, then each school's.
func allNarratives(c *generator.Content) []*generator.Narrative {
	out := slices.Clone(c.District)
	for _, sc := range c.Schools {
		out = append(out, sc.Narratives...)
	}
	return out
}

func (s *Site) resolveStandards(n *generator.Narrative, byCite map[string]*StandardEntry, ds *generator.Diagnostics) {
	for _, ref := range n.Standards {
		e, ok := byCite[ref.ID]
		if !ok {
			cite := strings.Join(strings.Fields(ref.ID), " ")
			if e, ok = byCite[strings.ToLower(cite)]; !ok {
				if len(s.Evidence.Catalogs) > 0 || !s.failedToLoad("data/standards.yaml") {
					ds.Errorf(ref.Pos, s.standardHint(cite), "unknown standard '%s'", ref.ID)
				}
				continue
			}
			byCite[ref.ID] = e // as written, for the next citation
		}
		// Narratives are resolved one after another, so a second citation
		// by n can only be the last entry (a search of the whole list made
		// 6,000 narratives citing one standard quadratic).
		if k := len(e.CitedBy); k == 0 || e.CitedBy[k-1] != n {
			e.CitedBy = append(e.CitedBy, n)
		}
	}
}

// dataErrors returns the data files ds holds an error in.
func dataErrors(ds generator.Diagnostics) map[string]bool {
	files := map[string]bool{}
	for _, d := range ds {
		if d.Severity == generator.Error && strings.HasPrefix(d.Pos.File, "data/") {
			files[d.Pos.File] = true
		}
	}
	return files
}

// failedToLoad reports whether one of files has errors: what follows
// from a data file that did not load (every citation of a standard
// unknown, every chart of its evidence missing) is not reported again on
// top of the file's own error.
func (s *Site) failedToLoad(files ...string) bool {
	return slices.ContainsFunc(files, func(f string) bool { return s.failedData[f] })
}

func (s *Site) standardHint(cite string) string {
	if len(s.Evidence.Catalogs) == 0 {
		return "there is no data/standards.yaml; create it with the catalogs your narratives cite"
	}
	catalog, _, found := strings.Cut(cite, " ")
	var ids []string
	for _, c := range s.Evidence.Catalogs {
		if strings.EqualFold(c.ID, catalog) {
			return "known codes are listed in data/standards.yaml"
		}
		ids = append(ids, c.ID)
	}
	if !found {
		return "cite a catalog id, a space and a code, e.g. '" + s.Standards[len(s.Standards)-1].Cite + "'"
	}
	if h := generator.DidYouMean(catalog, ids); h != "" {
		return "no catalog '" + catalog + "'; " + h
	}
	return "known catalogs are " + strings.Join(ids, ", ") + " (data/standards.yaml)"
}

func (s *Site) resolvePractices(n *generator.Narrative, known []string, ds *generator.Diagnostics) {
	fw := s.Evidence.Framework
	for _, ref := range n.Practices {
		id := strings.TrimSpace(ref.ID)
		switch {
		case fw == nil && s.failedToLoad("data/framework.yaml"):
			// Its errors are reported: the practices are checked once it loads.
		case fw == nil:
			ds.Errorf(ref.Pos, "there is no data/framework.yaml; create it or remove the practices list", "unknown practice '%s'", ref.ID)
		case !slices.Contains(known, id):
			hint := generator.DidYouMean(id, known)
			if hint == "" {
				hint = "practice ids are listed in data/framework.yaml"
			}
			ds.Errorf(ref.Pos, hint, "unknown practice '%s'", ref.ID)
		case len(s.Practices[id]) == 0 || s.Practices[id][len(s.Practices[id])-1] != n:
			s.Practices[id] = append(s.Practices[id], n)
		}
	}
}

// checkArtifacts reports artifacts that would overwrite a page, and HTML
// files, which would publish raw HTML the markdown settings forbid.
func checkArtifacts(cfg generator.Config, arts []generator.Artifact, pages []*Page, ds *generator.Diagnostics) {
	pageFiles := map[string]bool{}
	for _, p := range pages {
		pageFiles[OutputPath(p.URL)] = true
	}
	for _, a := range arts {
		pos := generator.Pos{File: "content/" + a.Path}
		if pageFiles[a.Path] {
			ds.Errorf(pos, "rename or move the file", "this file would overwrite the page /%s", a.Path)
		}
		if ext := strings.ToLower(path.Ext(a.Path)); (ext == ".html" || ext == ".htm") && !cfg.Markdown.UnsafeHTML {
			ds.Errorf(pos, "publish it as PDF, or set markdown: {unsafe_html: true} in folio.yaml if you trust every author", "HTML files are not published as evidence")
		}
	}
}

// OutputPath is the file a page URL is written to, relative to the output
// folder: "/schools/x/" → "schools/x/index.html", "/404.html" → "404.html".
func OutputPath(url string) string {
	if !strings.HasSuffix(url, "/") {
		return strings.TrimPrefix(url, "/")
	}
	return strings.TrimPrefix(url, "/") + "index.html"
}

// SchoolURL is the URL of a school's portfolio page.
func SchoolURL(id string) string { return "/schools/" + id + "/" }

// NarrativeURL is the URL of a narrative's page.
func NarrativeURL(n *generator.Narrative) string {
	if n.School == "" {
		return "/district/" + n.Slug + "/"
	}
	return "/schools/" + n.School + "/" + n.Slug + "/"
}

// StandardURL is the URL of a standard's page: "/standards/issl-1a/".
func StandardURL(catalogID, code string) string {
	return "/standards/" + strings.ToLower(catalogID) + "-" + code + "/"
}

// ArtifactURL is the URL of an evidence file, beside its page, each part
// of its path escaped: a file named "plan?v2#3.pdf" is not a link to
// "plan" with a query.
func ArtifactURL(a generator.Artifact) string {
	parts := strings.Split(a.Path, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return "/" + strings.Join(parts, "/")
}

func standardEntries(catalogs []generator.Catalog) []*StandardEntry {
	var out []*StandardEntry
	for i := range catalogs {
		cat := &catalogs[i]
		for _, st := range cat.Standards {
			parent := &StandardEntry{Catalog: cat, Code: st.Code, Cite: cat.ID + " " + st.Code, Text: st.Title, URL: StandardURL(cat.ID, st.Code)}
			out = append(out, parent)
			for _, cr := range st.Criteria {
				e := &StandardEntry{Catalog: cat, Code: cr.Code, Cite: cat.ID + " " + cr.Code, Text: cr.Text, Parent: parent, URL: StandardURL(cat.ID, cr.Code)}
				parent.Criteria = append(parent.Criteria, e)
				out = append(out, e)
			}
		}
	}
	return out
}

// groupByLevel groups schools by level: the built-in levels first, titled
// by the messages "level.<id>", then the site's own (folio.yaml levels:,
// which may also relabel a built-in one), in the order declared.
func groupByLevel(schools []*generator.School, site []generator.Label, msgs *message.Catalog) []LevelGroup {
	var groups []LevelGroup
	byLevel := map[string]int{}
	builtin := make([]generator.Label, len(generator.BuiltinLevels))
	for i, lv := range generator.BuiltinLevels {
		builtin[i] = generator.Label{ID: lv.ID, Label: msgs.Text("level." + lv.ID)}
	}
	for _, lv := range slices.Concat(builtin, site) {
		if i, ok := byLevel[lv.ID]; ok {
			groups[i].Label = lv.Label
			continue
		}
		byLevel[lv.ID] = len(groups)
		groups = append(groups, LevelGroup{Level: lv.ID, Label: lv.Label})
	}
	other := map[string][]*generator.School{}
	for _, sc := range schools {
		lv := strings.ToLower(strings.TrimSpace(sc.Level))
		if i, ok := byLevel[lv]; ok {
			groups[i].Schools = append(groups[i].Schools, sc)
		} else {
			other[sc.Level] = append(other[sc.Level], sc)
		}
	}
	groups = slices.DeleteFunc(groups, func(g LevelGroup) bool { return len(g.Schools) == 0 })
	levels := make([]string, 0, len(other))
	for lv := range other {
		levels = append(levels, lv)
	}
	slices.Sort(levels)
	for _, lv := range levels {
		label := msgs.Text("level.other")
		if lv != "" {
			label = msgs.Text("level.named", "level", strings.ToUpper(lv[:1])+lv[1:])
		}
		groups = append(groups, LevelGroup{Level: lv, Label: label, Schools: other[lv]})
	}
	for i := range groups {
		slices.SortStableFunc(groups[i].Schools, func(a, b *generator.School) int {
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
	}
	return groups
}
