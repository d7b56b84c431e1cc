package audit

import (
	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"math"
)

// Published is what a build publishes of the achievement and trust
// results, as a reader sees it: the numbers shown, and the labels shown
// instead of those withheld. Read takes it from the evidence, through the
// values' accessors only; a test can as well take it from a built site.
type Published struct {
	Achievement *Achievement
	Trust       *Trust
}

// Achievement is the published achievement results and what a reader
// knows adds up among them.
type Achievement struct {
	// MinN is the fewest students whose results are shown.
	MinN int
	// Families are the declared families: at each place, year and
	// subject, all students = their members.
	Families []generator.Family
	// Inferred are the sets of subgroups known to add up to all students
	// at one place, year and subject.
	Inferred []generator.InferredFamily
	// SameTested are groups of rows (indexes into Rows) of one school,
	// year and subgroup whose tested counts are one number in the file,
	// one row per subject: a reader who finds those shown alike takes the
	// hidden ones to be the same (evidence.Achievement.SameTested).
	SameTested [][]int32
	Rows       []AchievementRow
}

// AchievementRow is one published row of achievement results.
type AchievementRow struct {
	Pos               generator.Pos
	School            string
	Year              generator.SchoolYear
	Subject, Subgroup string
	Tested            Count
	Proficient        Value
}

// Trust is the published trust results and what a reader knows adds up
// among them.
type Trust struct {
	ScaleMin, ScaleMax float64
	// MinRespondents is the fewest respondents whose answers are shown.
	MinRespondents int
	// FavorableFrom is the lowest answer the survey counts as favorable,
	// nil where it does not say.
	FavorableFrom *float64
	// SameRespondents are groups of rows (indexes into Rows) of one
	// school, year and group whose respondents are the same people in
	// every facet (the file gives one count): a reader who finds the
	// counts shown among them alike takes the hidden ones to be the same.
	// (Rows whose counts differ in the file are not grouped: a reader who
	// equates them derives numbers that are not true.)
	SameRespondents [][]int32
	// InvitedSums are the slices where the district's invited are the
	// sum of its schools' (evidence.Trust.InvitedSums).
	InvitedSums []generator.TrustSlice
	// DistrictSums are the slices where the district's respondents are
	// the sum of its schools'.
	DistrictSums []generator.TrustSlice
	Rows         []TrustRow
}

// TrustRow is one published row of trust results.
type TrustRow struct {
	Pos          generator.Pos
	School       string
	Year         generator.SchoolYear
	Group, Facet string
	Respondents  Count
	// Invited is the number invited: hidden with no reason where the
	// file does not give it.
	Invited   Count
	Mean      Value
	Favorable Value
}

// Count is a count as published: a number, or the label shown instead.
type Count struct {
	// N is the number shown when Hidden is false.
	N      int
	Hidden bool
	// Reason is the label of a hidden count: SmallGroup ("fewer than 10
	// students": 0 to the minimum less one), Complementary ("suppressed
	// to protect a small group": the minimum or more); any other, a count
	// a reader knows nothing of.
	Reason evidence.SuppressReason
}

// Value is a percentage or a mean as published.
type Value struct {
	Kind evidence.MeasureKind
	// Number is the number shown (Reported), or the bound of the range
	// shown (Coded).
	Number float64
	// Text is the range shown when Coded: "≥95%", "<5%".
	Text string
	// Rounding is how far a percentage may be from the value it stands
	// for, when that is more than half of the last digit pages show: 0.5
	// when the file wrote it as a whole number, which pages show to one
	// decimal. For a mean, which the audit otherwise reads to two
	// decimals: 0.05 when shown with one ("3.1"), 0.5 with none (see
	// MeanRounding).
	Rounding float64
}

// Read returns what the evidence will publish of its achievement and
// trust results, read through the accessors of its values (it calls no
// code of package evidence: the audit stays independent of suppression).
func Read(ev *evidence.Data) *Published {
	p := &Published{}
	if a := ev.Achievement; a != nil {
		pa := &Achievement{MinN: a.MinN, Families: a.Families, Inferred: a.Inferred, SameTested: a.SameTested, Rows: make([]AchievementRow, 0, len(a.Results))}
		for _, r := range a.Results {
			pa.Rows = append(pa.Rows, AchievementRow{Pos: r.Pos, School: r.School, Year: r.Year, Subject: r.Subject, Subgroup: r.Subgroup,
				Tested: countOf(r.Tested), Proficient: valueOf(r.Proficient)})
		}
		p.Achievement = pa
	}
	if tr := ev.Trust; tr != nil {
		pt := &Trust{ScaleMin: tr.ScaleMin, ScaleMax: tr.ScaleMax, MinRespondents: tr.MinRespondents, FavorableFrom: tr.FavorableFrom, SameRespondents: tr.SameRespondents, InvitedSums: tr.InvitedSums, DistrictSums: tr.DistrictSums, Rows: make([]TrustRow, 0, len(tr.Results))}
		for _, r := range tr.Results {
			pt.Rows = append(pt.Rows, TrustRow{Pos: r.Pos, School: r.School, Year: r.Year, Group: r.Group, Facet: r.Facet,
				Respondents: countOf(r.Respondents), Invited: countOf(r.Invited), Mean: meanOf(r.Mean), Favorable: valueOf(r.FavorablePct)})
		}
		p.Trust = pt
	}
	return p
}

// countOf reads a count as published. One with no number and no reason
// (no data) is taken as a count a reader knows nothing of.
func countOf(c evidence.Count) Count {
	n, shown := c.N()
	return Count{N: n, Hidden: !shown, Reason: c.Reason()}
}

// valueOf reads a measure as published.
func valueOf(m evidence.Measure) Value {
	v := Value{Kind: m.Kind(), Text: m.Text(), Rounding: m.Rounding()}
	if n, ok := m.Value(); ok {
		v.Number = n
	} else if b, ok := m.Bound(); ok {
		v.Number = b
	}
	return v
}

// meanOf reads a trust mean as published: as pages show it, with the
// decimals the file gave it, two at most ("4.253" is shown, and read, as
// 4.25; see MeanRounding).
func meanOf(m evidence.Measure) Value {
	v := valueOf(m)
	d := m.MeanDecimals()
	if v.Kind == evidence.Reported {
		p := math.Pow(10, float64(d))
		v.Number = math.Round(v.Number*p) / p
	}
	v.Rounding = MeanRounding(d)
	return v
}

// MeanRounding is Value.Rounding for a mean shown with decimals
// decimals: how far it may be from the value it stands for beyond the
// two decimals the audit reads every mean to (0.05 for "3.1", 0.5 for
// "4").
func MeanRounding(decimals int) float64 {
	switch decimals {
	case 0:
		return 0.5
	case 1:
		return 0.05
	}
	return 0
}
