package evidence

// Measure and Count are the values folio publishes from data/: every
// percentage, mean and count a page, chart, table or download shows comes
// from one. Their fields are unexported and only this package makes them,
// after suppression (privacy.go), so no later stage can publish a number
// that suppression did not release: a chart cannot turn a suppressed value
// back into a number, nor make up a reported one. Their zero value means
// "no data": a Measure or Count no one set holds no number.

// MeasureKind says what a Measure holds. It is a byte, as SuppressReason
// is, so that a Measure and a Count, kept for every evidence row, pack
// into 32 and 16 bytes.
type MeasureKind uint8

const (
	// NotReported is the zero kind: no value, blank or suppressed at the
	// source ("*", "N/A", "n<10"; Text holds the source's marker).
	NotReported MeasureKind = iota
	// Reported is a number, given by Value.
	Reported
	// Coded is a range reported instead of a number, such as "≤5%" or
	// "<5"; Text holds it, Bound its bound.
	Coded
	// Suppressed was hidden by folio to protect a small group; no number
	// is kept. Reason says why.
	Suppressed
)

// SuppressReason says why a value was suppressed.
type SuppressReason uint8

const (
	// NotSuppressed is the zero value.
	NotSuppressed SuppressReason = iota
	// SmallGroup: fewer than the minimum students or respondents.
	SmallGroup
	// Complementary: shown, it would reveal a small group (or the exact
	// value behind a coded one) by subtraction along an identity: all
	// students = the members of a family, district = its schools.
	Complementary
	// AtSource: the count was suppressed by the source ("<10", "*").
	AtSource
)

// Measure is a published value, such as a percentage or a mean, that may
// be coded, suppressed or not reported. The zero Measure is not reported.
type Measure struct {
	// value is the number when reported, the bound when coded, else 0.
	value float64
	// text is the range when coded ("≥95%"), the source's marker when
	// not reported ("*"), else "".
	text   string
	kind   MeasureKind
	reason SuppressReason
	// whole says a reported value was written without a fraction ("44"),
	// or a coded one was coded from such a value.
	whole bool
	// tenths says a reported value was written with one decimal ("3.1").
	tenths bool
}

// Kind says what the measure holds.
func (m Measure) Kind() MeasureKind { return m.kind }

// Value returns the number and true when the measure was reported as a
// number; 0 and false when it is coded, suppressed or not reported.
func (m Measure) Value() (float64, bool) {
	if m.kind != Reported {
		return 0, false
	}
	return m.value, true
}

// Bound returns the bound of a coded range and true: 95 for "≥95%", 5 for
// "<5%"; 0 and false when the measure is not coded.
func (m Measure) Bound() (float64, bool) {
	if m.kind != Coded {
		return 0, false
	}
	return m.value, true
}

// Text is the range of a coded measure as published ("≤5%", "≥95%"), or
// the source's marker of one not reported ("*", "n<10"; "" when the cell
// was blank); "" for a reported or suppressed measure.
func (m Measure) Text() string { return m.text }

// Reason says why a suppressed measure was suppressed; NotSuppressed
// otherwise.
func (m Measure) Reason() SuppressReason { return m.reason }

// Rounding is how far a reported or coded percentage may be from the
// value it stands for beyond half of the last digit pages show it with:
// 0.5 when the file wrote it without a fraction ("96" may be 96.3%, and
// pages show 96.0%), else 0. A spreadsheet writes 96.0 as 96 too, so this
// is the widest the value can be, not what it is.
func (m Measure) Rounding() float64 {
	if m.whole && (m.kind == Reported || m.kind == Coded) {
		return 0.5
	}
	return 0
}

// MeanDecimals is how many decimals a trust mean is shown with: as many
// as the file wrote it with, two at most. "4.25" (and "4.253") shows as
// 4.25, "3.1" (as survey tools often export means) as 3.1, "4" as 4: a
// page claims no more precision than the file has.
func (m Measure) MeanDecimals() int {
	switch {
	case m.kind != Reported:
		return 2
	case m.whole:
		return 0
	case m.tenths:
		return 1
	}
	return 2
}

// Count is a published number of students or respondents that may be
// hidden. The zero Count is no data: no number, not hidden (trust.csv's
// invited when the column is not given).
type Count struct {
	n      int
	shown  bool
	reason SuppressReason
}

// N returns the count and true when it is published; 0 and false when it
// is hidden or there is none.
func (c Count) N() (int, bool) {
	if !c.shown {
		return 0, false
	}
	return c.n, true
}

// Hidden reports whether the count was withheld, by folio or at the
// source; Reason says why.
func (c Count) Hidden() bool { return c.reason != NotSuppressed }

// Reason says why a hidden count is hidden; NotSuppressed otherwise.
func (c Count) Reason() SuppressReason { return c.reason }

// The constructors, for this package only: the loaders make values as
// read, suppression (privacy.go, protect.go) replaces those it withholds.

func reported(v float64) Measure { return Measure{kind: Reported, value: v} }

func coded(bound float64, text string) Measure {
	return Measure{kind: Coded, value: bound, text: text}
}

func notReported(marker string) Measure { return Measure{kind: NotReported, text: marker} }

func suppressed(reason SuppressReason) Measure {
	return Measure{kind: Suppressed, reason: reason}
}

func counted(n int) Count { return Count{n: n, shown: true} }

func hidden(reason SuppressReason) Count { return Count{reason: reason} }
