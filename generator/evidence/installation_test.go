package evidence_test

import (
	"testing"
)

func TestInstallationProblems(t *testing.T) {
	tests := []struct {
		name, row string
		diags     []string
	}{
		{"unknown school, close to one", "lincon-middle,partnership-1a,2024-05-15,partial,,,", []string{
			"data/installation.csv:2:1: unknown school 'lincon-middle' — did you mean 'lincoln-middle'?",
		}},
		{"unknown school", "adams-high,partnership-1a,2024-05-15,partial,,,", []string{
			"data/installation.csv:2:1: unknown school 'adams-high' — school ids are the folder names under content/schools/, or district for the central office",
		}},
		{"blank school", ",partnership-1a,2024-05-15,partial,,,", []string{
			"data/installation.csv:2:1: school is blank — school ids are the folder names under content/schools/, or district for the central office",
		}},
		{"unknown indicator", "lincoln-middle,partnership-1c,2024-05-15,partial,,,", []string{
			"data/installation.csv:2:16: unknown indicator 'partnership-1c' — did you mean 'partnership-1a' or 'partnership-1b'?",
		}},
		{"unknown indicator, far from any", "lincoln-middle,coaching,2024-05-15,partial,,,", []string{
			"data/installation.csv:2:16: unknown indicator 'coaching' — indicators are declared in data/framework.yaml",
		}},
		{"date not ISO", "lincoln-middle,partnership-1a,5/15/2024,partial,,,", []string{
			"data/installation.csv:2:31: date: '5/15/2024' is not a date — did you mean 2024-05-15? (or set dates: us in folio.yaml to read 5/15/2024 as written)",
		}},
		{"date that does not exist", "lincoln-middle,partnership-1a,2024-02-30,partial,,,", []string{
			"data/installation.csv:2:31: date: '2024-02-30' is not a date — write dates as YYYY-MM-DD, e.g. 2025-10-01",
		}},
		{"status not on the scale", "lincoln-middle,partnership-1a,2024-05-15,done,,,", []string{
			"data/installation.csv:2:42: unknown status 'done' — allowed: not-yet, partial, in-place, sustained, not-applicable",
		}},
		{"status misspelled", "lincoln-middle,partnership-1a,2024-05-15,in-plcae,,,", []string{
			"data/installation.csv:2:42: unknown status 'in-plcae' — did you mean 'in-place'?",
		}},
		{"status and value blank", "lincoln-middle,partnership-1b,2024-05-15,,,,", []string{
			"data/installation.csv:2:42: status and value are both blank — write a status (not-yet, partial, in-place, sustained, not-applicable), or the count in value for an indicator with a target",
		}},
		{"value on an indicator without target", "lincoln-middle,partnership-1a,2024-05-15,,3,,", []string{
			"data/installation.csv:2:42: status is blank and indicator 'partnership-1a' has no target to derive it from — add target: to the indicator in data/framework.yaml, or write a status",
		}},
		{"value not a number", "lincoln-middle,partnership-1b,2024-05-15,,three,,", []string{
			"data/installation.csv:2:43: value: 'three' is not a number — write the count observed, e.g. 4",
		}},
		{"negative value", "lincoln-middle,partnership-1b,2024-05-15,,-2,,", []string{
			"data/installation.csv:2:43: value: -2 is negative — a count is 0 or more",
		}},
		{"evidence link that is not http", "lincoln-middle,partnership-1a,2024-05-15,partial,,javascript:alert(1),", []string{
			"data/installation.csv:2:51: evidence 'javascript:alert(1)' is not a web link — write an http or https link, or the path of a file under content/",
		}},
		{"evidence file misspelled", "lincoln-middle,partnership-1a,2024-05-15,partial,,schools/lincoln-middle/agneda.pdf,", []string{
			"data/installation.csv:2:51: evidence file 'schools/lincoln-middle/agneda.pdf' not found under content/ — did you mean 'schools/lincoln-middle/agenda.pdf'?",
		}},
		{"evidence file not found", "lincoln-middle,partnership-1a,2024-05-15,partial,,minutes.docx,", []string{
			"data/installation.csv:2:51: evidence file 'minutes.docx' not found under content/ — write a link, or the path of a file relative to content/, e.g. schools/lincoln-middle/agenda.pdf",
		}},
		{"in place without evidence", "lincoln-middle,partnership-1a,2024-05-15,in-place,,,", []string{
			"data/installation.csv:2:52: warning: status 'in-place' has no evidence — add a link or file in the evidence column",
		}},
		{"sustained without evidence", "lincoln-middle,partnership-1a,2024-05-15,sustained,,,", []string{
			"data/installation.csv:2:53: warning: status 'sustained' has no evidence — add a link or file in the evidence column",
		}},
		{"derived in place without evidence", "lincoln-middle,partnership-1b,2024-05-15,,4,,", []string{
			"data/installation.csv:2:45: warning: value 4 meets target 4, so this counts as in place, but it has no evidence — add a link or file in the evidence column",
		}},
		{"in place with evidence", "lincoln-middle,partnership-1a,2024-05-15,in-place,,https://example.org/chart.pdf,", nil},
		{"not applicable", "district,partnership-1a,2024-05-15,not-applicable,,,", nil},
		{"duplicate row", "lincoln-middle,partnership-1a,2024-05-15,partial,,,\nlincoln-middle,partnership-1a,2024-05-15,in-place,,schools/lincoln-middle/agenda.pdf,", []string{
			"data/installation.csv:3:1: duplicate row for lincoln-middle partnership-1a 2024-05-15 — the first is at data/installation.csv:2",
		}},
		{"every problem of a row", "lincon-middle,partnership-1c,2024-13-01,don,,,", []string{
			"data/installation.csv:2:1: unknown school 'lincon-middle' — did you mean 'lincoln-middle'?",
			"data/installation.csv:2:15: unknown indicator 'partnership-1c' — did you mean 'partnership-1a' or 'partnership-1b'?",
			"data/installation.csv:2:30: date: '2024-13-01' is not a date — write dates as YYYY-MM-DD, e.g. 2025-10-01",
			"data/installation.csv:2:41: unknown status 'don' — allowed: not-yet, partial, in-place, sustained, not-applicable",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, map[string]string{"framework.yaml": frameworkYAML, "installation.csv": installHeader + tt.row + "\n"})
			checkDiagnostics(t, diags, tt.diags)
		})
	}
}

func TestInstallationNeedsFramework(t *testing.T) {
	ev, diags := load(t, map[string]string{"installation.csv": installHeader + "lincoln-middle,partnership-1a,2024-05-15,partial,,,\n"})
	checkDiagnostics(t, diags, []string{
		"data/installation.csv:1: installation.csv needs framework.yaml — add data/framework.yaml with the indicators and status_scale the observations refer to",
	})
	if len(ev.Installation) != 0 {
		t.Errorf("observations without a framework: %v", observations(ev.Installation))
	}
}

// TestInstallationDerivedStatusAndOrder derives statuses of a counted
// indicator from its target (4) and sorts each indicator's observations by
// date, so the last is the latest.
func TestInstallationDerivedStatusAndOrder(t *testing.T) {
	ev, diags := load(t, map[string]string{
		"framework.yaml": frameworkYAML,
		"installation.csv": installHeader +
			"lincoln-middle,partnership-1b,2025-05-15,,4.5,HTTPS://example.org/Log.pdf,\n" +
			"lincoln-middle,partnership-1b,2023-10-15,,0,,\n" +
			"lincoln-middle,partnership-1b,2024-05-15,,2,,\n" +
			"lincoln-middle,partnership-1b,2024-10-15,sustained,1,https://example.org/log.pdf,written status wins\n" +
			"lincoln-middle,partnership-1a,2024-05-15,partial,,,\n" +
			"district,partnership-1b,2024-05-15,,4,schools/lincoln-middle/agenda.pdf,\n",
	})
	checkDiagnostics(t, diags, nil)
	checkRows(t, "observations", observations(ev.Installation), []string{
		"district partnership-1b 2024-05-15 in-place (derived) value=4",
		"lincoln-middle partnership-1a 2024-05-15 partial",
		"lincoln-middle partnership-1b 2023-10-15 not-yet (derived) value=0",
		"lincoln-middle partnership-1b 2024-05-15 partial (derived) value=2",
		"lincoln-middle partnership-1b 2024-10-15 sustained value=1",
		"lincoln-middle partnership-1b 2025-05-15 in-place (derived) value=4.5",
	})
	if o := ev.Installation[0]; o.Evidence != "schools/lincoln-middle/agenda.pdf" || o.Pos.String() != "data/installation.csv:7:1" {
		t.Errorf("first observation = %+v", o)
	}
	// A link's scheme in capitals is read as the link it is, and written
	// in lower case for the pages that link it; the rest stays as given.
	if o := ev.Installation[len(ev.Installation)-1]; o.Evidence != "https://example.org/Log.pdf" {
		t.Errorf("the evidence of the last observation is %q", o.Evidence)
	}
}

// TestInstallationCustomScale derives statuses on a scale without the
// default ids: the first, second and second-to-last steps. Evidence is
// asked of the top step only.
func TestInstallationCustomScale(t *testing.T) {
	fw := "name: Test\nstatus_scale:\n  - {id: none}\n  - {id: emerging}\n  - {id: developing}\n  - {id: established}\n  - {id: leading}\n" +
		frameworkYAML[len("name: Test network\n"):]
	ev, diags := load(t, map[string]string{
		"framework.yaml": fw,
		"installation.csv": installHeader +
			"lincoln-middle,partnership-1b,2023-10-15,,0,,\n" +
			"lincoln-middle,partnership-1b,2024-05-15,,1,,\n" +
			"lincoln-middle,partnership-1b,2025-05-15,,9,,\n" +
			"lincoln-middle,partnership-1a,2025-05-15,leading,,,\n",
	})
	checkDiagnostics(t, diags, []string{
		"data/installation.csv:5:51: warning: status 'leading' has no evidence — add a link or file in the evidence column",
	})
	checkRows(t, "observations", observations(ev.Installation), []string{
		"lincoln-middle partnership-1a 2025-05-15 leading",
		"lincoln-middle partnership-1b 2023-10-15 none (derived) value=0",
		"lincoln-middle partnership-1b 2024-05-15 emerging (derived) value=1",
		"lincoln-middle partnership-1b 2025-05-15 established (derived) value=9",
	})
}

// TestInstallationOptionalColumns reads a file with only a status column
// besides the key: a claim without evidence is reported at its status.
func TestInstallationOptionalColumns(t *testing.T) {
	ev, diags := load(t, map[string]string{
		"framework.yaml":   frameworkYAML,
		"installation.csv": "date,indicator,school,status\n2024-05-15,partnership-1a,district,in-place\n",
	})
	checkDiagnostics(t, diags, []string{
		"data/installation.csv:2:36: warning: status 'in-place' has no evidence — add a link or file in the evidence column",
	})
	checkRows(t, "observations", observations(ev.Installation), []string{"district partnership-1a 2024-05-15 in-place"})
}
