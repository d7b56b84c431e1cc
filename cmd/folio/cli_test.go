package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageAndHelp(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{nil, exitUsage, "", "Usage:"},
		{[]string{"help"}, exitOK, "Commands:", ""},
		{[]string{"help", "build"}, exitOK, "--base-url", ""},
		{[]string{"build", "-h"}, exitOK, "--drafts", ""},
		{[]string{"check", "--help"}, exitOK, "--strict", ""},
		{[]string{"new", "school", "-h"}, exitOK, "--name", ""},
		{[]string{"frobnicate"}, exitUsage, "", "folio: unknown command \"frobnicate\"\n\n"},
		{[]string{"biuld"}, exitUsage, "", "folio: unknown command \"biuld\" — did you mean 'build'?\n"},
		{[]string{"check", "--format", "json"}, exitUsage, "", `--format "json": write text or github`},
		{[]string{"build", "--nope"}, exitUsage, "", "flag provided but not defined"},
		{[]string{"build", "extra"}, exitUsage, "", `unexpected argument "extra"`},
		{[]string{"new"}, exitUsage, "", "folio new site DIR"},
		{[]string{"version"}, exitOK, "folio ", ""},
		{[]string{"build", "--source", "/nonexistent/site"}, exitUsage, "", "does not exist"},
		{[]string{"build", "--base-url", "portfolio"}, exitUsage, "", "--base-url"},
		{[]string{"build", "--since", "2025-13-01"}, exitUsage, "", "folio build: --since: '2025-13-01' is not a date (write it like 2025-09-01)\n"},
		{[]string{"build", "-h"}, exitOK, "--since YYYY-MM-DD", ""},
		{[]string{"bench", "generate", "--schools", "0", "/tmp/x"}, exitUsage, "", "--schools"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := runCLI(tt.args...)
			if code != tt.code || !strings.Contains(out, tt.inStdout) || !strings.Contains(errs, tt.inStderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d with %q / %q", code, out, errs, tt.code, tt.inStdout, tt.inStderr)
			}
		})
	}
}

func TestNewSiteBuildsAndNewSchoolIsAdded(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	if code, _, errs := runCLI("new", "site", dir); code != exitOK {
		t.Fatalf("new site: exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI("new", "site", dir); code != exitSite || !strings.Contains(errs, "not empty") {
		t.Errorf("new site over an existing site: exit %d: %s", code, errs)
	}
	code, out, errs := runCLI("new", "school", "jefferson-middle", "--name", "Jefferson Middle School: Home of the Jays", "--source", dir)
	if code != exitOK || !strings.Contains(out, "content/schools/jefferson-middle/_index.md") {
		t.Fatalf("new school: exit %d: %s %s", code, out, errs)
	}
	if code, _, errs := runCLI("new", "school", "Jefferson Middle", "--source", dir); code != exitUsage || !strings.Contains(errs, `"jefferson-middle"`) {
		t.Errorf("bad id: exit %d: %s", code, errs)
	}
	code, out, errs = runCLI("build", "--source", dir)
	if code != exitOK {
		t.Fatalf("build of a new site: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "folio: built ") || !strings.Contains(out, " pages, 17 charts, ") {
		t.Errorf("summary line = %q", out)
	}
	for _, p := range []string{"index.html", "schools/example-elementary/index.html", "schools/example-elementary/getting-started/index.html", "schools/jefferson-middle/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	page, _ := os.ReadFile(filepath.Join(dir, "public", "schools", "jefferson-middle", "index.html"))
	if !strings.Contains(string(page), "Jefferson Middle School: Home of the Jays") {
		t.Error("school name with a colon did not survive")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "schools", "jefferson-middle", "getting-started", "index.html")); err == nil {
		t.Error("the new school's draft narrative was published")
	}
}

func TestCheckListsEveryProblemAndExits1(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI("new", "site", dir); code != exitOK {
		t.Fatal("new site failed")
	}
	school := filepath.Join(dir, "content", "schools", "example-elementary")
	os.WriteFile(filepath.Join(school, "a.md"), []byte("---\ntitle: A\nstandards: [ISSL 9z]\n---\n"), 0o644)
	os.WriteFile(filepath.Join(school, "b.md"), []byte("---\ndate: 2025-01-01\n---\n"), 0o644)
	code, out, _ := runCLI("check", "--source", dir)
	if code != exitSite {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"content/schools/example-elementary/a.md:3:13: unknown standard 'ISSL 9z'",
		"content/schools/example-elementary/b.md:1: missing required field 'title'",
		"folio check: 2 errors",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err == nil {
		t.Error("check wrote output")
	}
	if code, _, errs := runCLI("build", "--source", dir); code != exitSite || !strings.Contains(errs, "nothing was written") {
		t.Errorf("build of a broken site: exit %d: %s", code, errs)
	}
}

func TestRunInsideASiteNamesTheSiteFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI("new", "site", dir); code != exitOK {
		t.Fatal("new site failed")
	}
	inside := filepath.Join(dir, "content", "schools")
	for _, cmd := range []string{"check", "build"} {
		code, _, errs := runCLI(cmd, "--source", inside)
		want := "folio " + cmd + ": " + inside + " is inside a site, not a site folder (it has no content/ or folio.yaml); run folio from " + dir + ", or pass --source " + filepath.Join(inside, "../..") + "\n"
		if code != exitUsage || errs != want {
			t.Errorf("%s inside content/schools: exit %d\n%s\nwant\n%s", cmd, code, errs, want)
		}
	}
}

func TestBuildSaysHowManyDraftsItLeftOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI("new", "site", dir); code != exitOK {
		t.Fatal("new site failed")
	}
	if code, _, errs := runCLI("new", "school", "oak-middle", "--source", dir); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCLI("build", "--source", dir)
	if code != exitOK {
		t.Fatal(errs)
	}
	if want := "\nfolio: left out 1 draft marked draft: true; folio build --drafts includes them, folio serve --drafts previews them\n"; !strings.Contains(out, want) {
		t.Errorf("build output lacks %q:\n%s", want, out)
	}
	if _, out, _ := runCLI("build", "--source", dir, "--drafts"); strings.Contains(out, "left out") {
		t.Errorf("build --drafts still leaves drafts out:\n%s", out)
	}
}

func TestCheckFormatGitHubAndAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI("new", "site", dir); code != exitOK {
		t.Fatal("new site failed")
	}
	school := filepath.Join(dir, "content", "schools", "example-elementary")
	for i := range 5 {
		os.WriteFile(filepath.Join(school, fmt.Sprintf("n%d.md", i)), []byte("---\ntitle: N\nstandrads: [ISSL 1a]\n---\n"), 0o644)
	}
	os.WriteFile(filepath.Join(school, "bad.md"), []byte("---\ntitle: A\nstandards: [ISSL 9z]\n---\n"), 0o644)
	code, out, _ := runCLI("check", "--source", dir, "--format", "github")
	if code != exitSite {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"::error file=content/schools/example-elementary/bad.md,line=3,col=13::unknown standard 'ISSL 9z'",
		// The same warning in five files is one annotation, at the first.
		"::warning file=content/schools/example-elementary/n0.md,line=3,col=1::unknown front matter key 'standrads', and the same in 4 more files (content/schools/example-elementary/n1.md:3, content/schools/example-elementary/n2.md:3 and 2 more) — did you mean 'standards'?\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check --format github lacks %q:\n%s", want, out)
		}
	}
	t.Setenv("GITHUB_ACTIONS", "true")
	if _, auto, _ := runCLI("check", "--source", dir); auto != out {
		t.Errorf("with GITHUB_ACTIONS=true, check printed\n%s\nnot the github format", auto)
	}
	t.Setenv("GITHUB_ACTIONS", "")
	_, all, _ := runCLI("check", "--source", dir, "--all")
	if strings.Count(all, "unknown front matter key 'standrads'") != 5 {
		t.Errorf("--all does not list each problem:\n%s", all)
	}
}

func TestCheckGroupsARepeatedWarningAndAllListsEach(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI("new", "site", dir); code != exitOK {
		t.Fatal("new site failed")
	}
	csv := "school,indicator,date,status,value,evidence,note\n" // line 1
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 99 {
		date := day.AddDate(0, 0, i).Format(time.DateOnly)
		switch i % 3 {
		case 0:
			csv += "example-elementary,partnership-1b," + date + ",in-place,,,\n"
		case 1:
			csv += "example-elementary,partnership-1a," + date + ",,4,,\n"
		default:
			csv += "example-elementary,partnership-1b," + date + ",sustained,,,\n"
		}
	}
	os.WriteFile(filepath.Join(dir, "data", "installation.csv"), []byte(csv), 0o644)
	code, out, _ := runCLI("check", "--source", dir)
	want := "data/installation.csv: warning: 99 observations in place or sustained have no evidence (lines 2, 3, 4 and 96 more) — add a link or file in the evidence column\n" +
		"folio check: 0 errors, 99 warnings\n"
	if code != exitOK || out != want {
		t.Errorf("check: exit %d\n%s\nwant\n%s", code, out, want)
	}
	_, all, _ := runCLI("check", "--source", dir, "--all")
	lines := strings.Split(strings.TrimSpace(all), "\n")
	if len(lines) != 100 ||
		lines[0] != "data/installation.csv:2:56: warning: status 'in-place' has no evidence — add a link or file in the evidence column" ||
		lines[1] != "data/installation.csv:3:49: warning: value 4 meets target 4, so this counts as in place, but it has no evidence — add a link or file in the evidence column" {
		t.Errorf("check --all printed %d lines, starting\n%s", len(lines), strings.Join(lines[:min(3, len(lines))], "\n"))
	}
}

func TestDatesUSInFolioYAMLReachesTheCSVReader(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI("new", "site", dir); code != exitOK {
		t.Fatal("new site failed")
	}
	csv := "school,indicator,date,status,value,evidence,note\nexample-elementary,partnership-1b,3/14/2025,partial,,,\n"
	os.WriteFile(filepath.Join(dir, "data", "installation.csv"), []byte(csv), 0o644)
	_, out, _ := runCLI("check", "--source", dir)
	if want := "data/installation.csv:2:35: date: '3/14/2025' is not a date — did you mean 2025-03-14? (or set dates: us in folio.yaml to read 3/14/2025 as written)\n"; !strings.HasPrefix(out, want) {
		t.Errorf("without dates: us:\n%s\nwant\n%s", out, want)
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "folio.yaml"))
	os.WriteFile(filepath.Join(dir, "folio.yaml"), append(cfg, "dates: us\n"...), 0o644)
	if code, out, _ := runCLI("check", "--strict", "--source", dir); code != exitOK {
		t.Errorf("with dates: us: exit %d\n%s", code, out)
	}
}

func TestCheckPrivacyListsEveryWithheldValue(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI("new", "site", dir); code != exitOK {
		t.Fatal("new site failed")
	}
	os.WriteFile(filepath.Join(dir, "data", "achievement.yaml"), []byte("subjects: [{id: math}]\n"+
		"subgroups: [{id: all}, {id: female}, {id: male}, {id: ell}]\nfamilies: {gender: [female, male]}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "data", "achievement.csv"), []byte("school,year,subject,subgroup,tested,proficient_pct\n"+
		"example-elementary,2025,math,all,120,58.1\n"+
		"example-elementary,2025,math,female,7,43.7\n"+
		"example-elementary,2025,math,male,113,61.2\n"+
		"example-elementary,2025,math,ell,<10,*\n"+
		"example-elementary,2024,math,all,120,97.5\n"), 0o644)
	code, out, errs := runCLI("check", "--source", dir, "--privacy")
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	want := "Withheld from publication:\n" +
		"data/achievement.csv:3: example-elementary 2024-25 math female: small group\n" +
		"data/achievement.csv:4: example-elementary 2024-25 math male: complementary\n" +
		"data/achievement.csv:5: example-elementary 2024-25 math ell: at source\n" +
		"data/achievement.csv:6: example-elementary 2023-24 math all: coded\n" +
		"4 values withheld: 1 small group, 1 complementary, 1 coded, 1 at source\n"
	if !strings.Contains(out, want) {
		t.Errorf("check --privacy:\n%s\nwant it to hold:\n%s", out, want)
	}
	// The boys are hidden beside the girls, a small group: the review
	// says so, below the list.
	why := "Withheld as complementary, each beside a value it protects:\n" +
		"data/achievement.csv:4: example-elementary 2024-25 math male, to protect data/achievement.csv:3: example-elementary 2024-25 math female (small group)\n"
	if !strings.Contains(out, want+why) {
		t.Errorf("check --privacy:\n%s\nwant it to hold:\n%s", out, want+why)
	}
}
