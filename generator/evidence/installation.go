package evidence

import (
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
)

// InstallationFile records the status of framework indicators at schools.
const InstallationFile = "installation.csv"

var installationColumns = columns{
	required: []string{"school", "indicator", "date"},
	optional: []string{"status", "value", "evidence", "note"},
}

// loadInstallation reads installation.csv against the framework. It
// returns nil without the file.
func loadInstallation(fsys fs.FS, known Known, fw *generator.Framework, ds *generator.Diagnostics) []generator.Observation {
	t, found := readTable(fsys, InstallationFile, installationColumns, ds)
	if !found {
		return nil
	}
	if fw == nil {
		if !exists(fsys, FrameworkFile) {
			// framework.yaml that exists but did not parse has been
			// reported already.
			ds.Errorf(generator.Pos{File: Dir + "/" + InstallationFile, Line: 1},
				"add "+Dir+"/"+FrameworkFile+" with the indicators and status_scale the observations refer to",
				"%s needs %s", InstallationFile, FrameworkFile)
		}
		return []generator.Observation{}
	}
	if t == nil {
		return []generator.Observation{}
	}

	l := installationLoader{
		schools:    schoolSet(known),
		indicators: idSet{kind: "indicator", where: "indicators are declared in " + Dir + "/" + FrameworkFile},
		targets:    map[string]*float64{},
		artifacts:  artifactSet(known.Artifacts),
		scale:      fw.StatusScale,
		dates:      known.Dates,
	}
	l.frameworkBroken = hasErrorIn(*ds, Dir+"/"+FrameworkFile)
	for _, c := range fw.Components {
		for _, p := range c.Practices {
			for _, in := range p.Indicators {
				l.indicators.ids = append(l.indicators.ids, in.ID)
				l.targets[in.ID] = in.Target
			}
		}
	}
	l.indicators = l.indicators.indexed()
	checkSwappedIDs(t, []idColumn{{"school", &l.schools}, {"indicator", &l.indicators}}, ds)
	for _, s := range fw.StatusScale {
		l.statuses = append(l.statuses, s.ID)
	}
	l.statuses = append(l.statuses, generator.NotApplicable)
	l.statusSet = statusSet(fw.StatusScale)
	l.top = topStatuses(fw.StatusScale)

	type rowKey struct {
		school, indicator string
		date              int64 // a midnight UTC (parseDate), in seconds
	}
	out := parseRows(t, ds, l.row, func(o generator.Observation) (rowKey, generator.Pos) {
		return rowKey{o.School, o.Indicator, o.Date.Unix()}, o.Pos
	}, func(o generator.Observation) string {
		return o.School + " " + o.Indicator + " " + o.Date.Format(time.DateOnly)
	})
	type order struct {
		school    string
		indicator int
		date      int64
	}
	sortRows(out, func(o *generator.Observation) order {
		return order{o.School, l.indicators.index(o.Indicator), o.Date.Unix()}
	}, func(a, b order) int {
		return cmp.Or(cmp.Compare(a.school, b.school), cmp.Compare(a.indicator, b.indicator), cmp.Compare(a.date, b.date))
	})
	return out
}

// installationLoader holds what rows of installation.csv are checked
// against.
type installationLoader struct {
	schools, indicators idSet
	targets             map[string]*float64
	// artifacts are the files under content/ an evidence path may name.
	artifacts idSet
	scale     []generator.Status
	// statuses are the scale's ids and not-applicable; statusSet reads
	// them by id or label.
	statuses  []string
	statusSet idSet
	// frameworkBroken is set when framework.yaml has errors: a target
	// written as "four" is reported there once, not again on each row
	// that needed it.
	frameworkBroken bool
	// dates is how the site's spreadsheets write dates (folio.yaml dates:).
	dates generator.DateOrder
	// top are the statuses that claim an indicator is in place, which
	// call for evidence.
	top []string
}

// row reads one observation, reporting every problem of the row. It
// reports whether the row is usable.
func (l *installationLoader) row(r record, ds *generator.Diagnostics) (generator.Observation, bool) {
	ok := true
	school, schoolPos := r.field("school")
	ok = l.schools.check(&school, schoolPos, ds) && ok
	indicator, indicatorPos := r.field("indicator")
	ok = l.indicators.check(&indicator, indicatorPos, ds) && ok

	o := generator.Observation{Pos: schoolPos, School: school, Indicator: indicator}
	date, datePos := r.field("date")
	if d, hint, good := parseDate(date, l.dates); good {
		o.Date = d
	} else {
		ds.Errorf(datePos, hint, "date: '%s' is not a date", date)
		ok = false
	}

	value, valuePos := r.field("value")
	if value != "" {
		v, good := parseNumber(value, r.t.decimalComma)
		switch {
		case !good:
			ds.Errorf(valuePos, "write the count observed, e.g. 4", "value: '%s' is not a number", value)
			ok = false
		case v < 0:
			ds.Errorf(valuePos, "a count is 0 or more", "value: %s is negative", value)
			ok = false
		default:
			o.Value = &v
		}
	}

	status, statusPos := r.field("status")
	switch {
	case status != "":
		if !l.statusSet.check(&status, statusPos, ds) {
			ok = false
		}
		o.Status = status
	case value == "":
		ds.Errorf(statusPos, "write a status ("+strings.Join(l.statuses, ", ")+"), or the count in value for an indicator with a target", "status and value are both blank")
		ok = false
	case o.Value != nil && l.indicators.index(indicator) >= 0:
		target := l.targets[indicator]
		if target == nil {
			if !l.frameworkBroken {
				ds.Errorf(statusPos, "add target: to the indicator in "+Dir+"/"+FrameworkFile+", or write a status", "status is blank and indicator '%s' has no target to derive it from", indicator)
			}
			ok = false
			break
		}
		o.Status, o.Derived = deriveStatus(*o.Value, *target, l.scale), true
	}

	evidence, evidencePos := r.field("evidence")
	if evidence != "" {
		var good bool
		if evidence, good = l.checkEvidence(evidence, evidencePos, ds); !good {
			ok = false
		}
	}
	o.Evidence = evidence
	if evidence == "" && slices.Contains(l.top, o.Status) {
		at := evidencePos
		if !r.t.has("evidence") {
			at = statusPos
		}
		l.warnNoEvidence(o, at, ds)
	}
	o.Note, _ = r.field("note")
	return o, ok
}

// hasErrorIn reports whether ds holds an error in file.
func hasErrorIn(ds generator.Diagnostics, file string) bool {
	return slices.ContainsFunc(ds, func(d generator.Diagnostic) bool { return d.Severity == generator.Error && d.Pos.File == file })
}

// warnNoEvidence warns that an observation claiming an indicator is in
// place has no evidence. A status derived from the value is named as
// derived: the author wrote a count, not "in-place". Many such rows of
// the file are printed as one line (see generator.Diagnostic.Group).
func (l *installationLoader) warnNoEvidence(o generator.Observation, at generator.Pos, ds *generator.Diagnostics) {
	msg := fmt.Sprintf("status '%s' has no evidence", o.Status)
	if o.Derived && o.Value != nil && l.targets[o.Indicator] != nil {
		msg = fmt.Sprintf("value %s meets target %s, so this counts as %s, but it has no evidence",
			formatNumber(*o.Value), formatNumber(*l.targets[o.Indicator]), statusPhrase(o.Status))
	}
	*ds = append(*ds, generator.Diagnostic{
		Pos: at, Severity: generator.Warning, Message: msg,
		Hint:  "add a link or file in the evidence column",
		Group: "observations " + orPhrase(l.top) + " have no evidence",
	})
}

// checkEvidence reports whether evidence is an http(s) link or the path of
// an artifact under content/, and returns it with a link's scheme in lower
// case, as pages look for it ("HTTPS://…" was linked as a path).
func (l *installationLoader) checkEvidence(evidence string, pos generator.Pos, ds *generator.Diagnostics) (string, bool) {
	if u, err := url.Parse(evidence); err == nil && u.Scheme != "" {
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.Scheme + evidence[len(u.Scheme):], true
		}
		ds.Errorf(pos, "write an http or https link, or the path of a file under content/", "evidence '%s' is not a web link", evidence)
		return evidence, false
	}
	if l.artifacts.index(evidence) >= 0 {
		return evidence, true
	}
	if strings.HasSuffix(strings.ToLower(evidence), ".md") {
		ds.Errorf(pos, "link the page's address instead, or an evidence file (PDF, image, spreadsheet) under content/", "evidence '%s' is a page's markdown source, not an evidence file", evidence)
		return evidence, false
	}
	ds.Errorf(pos, l.artifacts.hint(evidence), "evidence file '%s' not found under content/", evidence)
	return evidence, false
}

// artifactSet is the files under content/ an evidence path may name,
// indexed: each row of installation.csv looks its path up, and a file with
// a wrong path on every row works out the hint once per path.
func artifactSet(artifacts []string) idSet {
	where := "write a link, or the path of a file relative to content/"
	if len(artifacts) > 0 {
		where += ", e.g. " + artifacts[0]
	}
	return idSet{kind: "evidence file", ids: artifacts, where: where}.indexed()
}

// deriveStatus places a counted value on the scale: at or above target
// is in place, above 0 partial, else not yet. A custom scale without those
// ids uses its second-to-last, second and first steps.
func deriveStatus(value, target float64, scale []generator.Status) string {
	pick := func(id string, i int) string {
		if slices.ContainsFunc(scale, func(s generator.Status) bool { return s.ID == id }) {
			return id
		}
		return scale[max(0, min(i, len(scale)-1))].ID
	}
	switch {
	case value >= target:
		return pick("in-place", len(scale)-2)
	case value > 0:
		return pick("partial", 1)
	default:
		return pick("not-yet", 0)
	}
}

// topStatuses are the statuses that claim an indicator is in place:
// "in-place" and every step above it; on a scale without "in-place", the
// top step only.
func topStatuses(scale []generator.Status) []string {
	for i, s := range scale {
		if s.ID == "in-place" {
			var ids []string
			for _, s := range scale[i:] {
				ids = append(ids, s.ID)
			}
			return ids
		}
	}
	if len(scale) == 0 {
		return nil
	}
	return []string{scale[len(scale)-1].ID}
}

// lineOf writes a position as file:line, the form used to point at an
// earlier row.
func lineOf(p generator.Pos) string {
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}
