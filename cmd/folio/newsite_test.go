package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// currentActions are the GitHub actions folio's workflows may use, each at
// its current major version (checked November 2026: checkout v6, setup-go
// v6, configure-pages v6, upload-pages-artifact v5, deploy-pages v5, the
// first majors on Node 24).
var currentActions = map[string]string{
	"actions/checkout":              "v6",
	"actions/setup-go":              "v6",
	"actions/configure-pages":       "v6",
	"actions/upload-pages-artifact": "v5",
	"actions/deploy-pages":          "v5",
}

// workflow is the part of a GitHub Actions workflow the tests read.
type workflow struct {
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		If    string `yaml:"if"`
		Needs string `yaml:"needs"`
		Steps []step `yaml:"steps"`
	} `yaml:"jobs"`
}

type step struct {
	ID   string         `yaml:"id"`
	If   string         `yaml:"if"`
	Name string         `yaml:"name"`
	Uses string         `yaml:"uses"`
	Run  string         `yaml:"run"`
	With map[string]any `yaml:"with"`
}

func readWorkflow(t *testing.T, path string) workflow {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("%s is not valid YAML: %v", path, err)
	}
	return wf
}

// checkActions fails for any action not at its current major version.
func checkActions(t *testing.T, name string, steps []step) {
	t.Helper()
	for _, st := range steps {
		if st.Uses == "" {
			continue
		}
		action, ver, _ := strings.Cut(st.Uses, "@")
		if want, ok := currentActions[action]; !ok || ver != want {
			t.Errorf("%s uses %s; want one of the current majors %v", name, st.Uses, currentActions)
		}
	}
}

func TestNewSiteIsARepositoryThatChecksBuildsAndPublishes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "district")
	code, out, errs := runCLI("new", "site", dir)
	if code != exitOK {
		t.Fatalf("new site: exit %d: %s", code, errs)
	}
	release, isRelease := releaseToPin()
	if isRelease || release != defaultRelease {
		t.Fatalf("a test binary is a development build; it pins %s (release %v)", release, isRelease)
	}
	if !strings.Contains(out, "workflow installs folio "+defaultRelease) {
		t.Errorf("new site does not say which folio the workflow pins:\n%s", out)
	}
	for _, f := range []string{
		"content/_index.md", "content/schools/example-elementary/_index.md", "content/schools/example-elementary/getting-started.md",
		"data/standards.yaml", "data/framework.yaml", "data/installation.csv", "data/trust.yaml", "data/trust.csv",
		"data/achievement.yaml", "data/achievement.csv", "folio.yaml", ".gitignore", "README.md", ".github/workflows/pages.yml",
	} {
		src, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("new site did not write %s", f)
			continue
		}
		if strings.HasPrefix(f, "data/") && !strings.HasPrefix(string(src), "# ") {
			t.Errorf("%s does not open with comments explaining it", f)
		}
	}
	if src, _ := os.ReadFile(filepath.Join(dir, "data", "achievement.yaml")); !strings.Contains(string(src), "\nfamilies:\n  gender: [female, male]\n") {
		t.Error("achievement.yaml template has no families")
	}
	if src, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !slices.Contains(strings.Split(string(src), "\n"), "public/") {
		t.Errorf(".gitignore does not ignore public/:\n%s", src)
	}
	readme, _ := os.ReadFile(filepath.Join(dir, "README.md"))
	for _, want := range []string{"## Edit", "## Preview", "## Publish", "## When a check fails", "Settings → Pages", "GitHub Actions",
		"go install github.com/folio-sites/folio/cmd/folio@" + defaultRelease} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("the site's README lacks %q", want)
		}
	}

	if code, out, errs := runCLI("check", "--strict", "--source", dir); code != exitOK || out != "folio check: no problems (12 pages)\n" {
		t.Errorf("check --strict of a new site: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := runCLI("build", "--source", dir); code != exitOK || errs != "" || !strings.Contains(out, "folio: built 12 pages, 17 charts") {
		t.Errorf("build of a new site: exit %d\n%s%s", code, out, errs)
	}

	wf := readWorkflow(t, filepath.Join(dir, ".github", "workflows", "pages.yml"))
	if _, ok := wf.On["push"]; !ok {
		t.Error("the workflow does not run on push")
	}
	if _, ok := wf.On["pull_request"]; !ok {
		t.Error("the workflow does not check pull requests")
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" || wf.Permissions["contents"] != "read" {
		t.Errorf("permissions = %v", wf.Permissions)
	}
	build, deploy := wf.Jobs["build"], wf.Jobs["deploy"]
	if deploy.Needs != "build" || deploy.If != "github.event_name != 'pull_request'" {
		t.Errorf("deploy: needs %q, if %q", deploy.Needs, deploy.If)
	}
	checkActions(t, "pages.yml", slices.Concat(build.Steps, deploy.Steps))
	// The steps, in order: what each uses or runs.
	var got []string
	for _, st := range slices.Concat(build.Steps, deploy.Steps) {
		if st.Uses != "" {
			got = append(got, st.Uses)
		} else {
			got = append(got, st.Run)
		}
	}
	var private step
	for _, st := range build.Steps {
		if st.Name == "Keep the results private" {
			private = st
		}
	}
	want := []string{
		"actions/checkout@v6",
		private.Run,
		"actions/setup-go@v6",
		"go install github.com/folio-sites/folio/cmd/folio@" + defaultRelease,
		"folio check --strict --format github",
		"actions/configure-pages@v6",
		`folio build --base-url "${{ steps.pages.outputs.base_url }}/"`,
		"folio build",
		"actions/upload-pages-artifact@v5",
		"actions/deploy-pages@v5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("workflow steps:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	// In a public repository, the step stops the workflow where data/
	// holds results (as the new site's does), and lets it go on where it
	// holds none.
	if private.Run == "" {
		t.Fatal("the workflow does not stop a public repository from publishing the results in data/")
	}
	for _, tt := range []struct {
		files []string
		fails bool
	}{{[]string{"achievement.csv"}, true}, {[]string{"trust.csv"}, true}, {[]string{"installation.csv"}, false}} {
		work := t.TempDir()
		os.Mkdir(filepath.Join(work, "data"), 0o755)
		for _, f := range tt.files {
			os.WriteFile(filepath.Join(work, "data", f), []byte("school\n"), 0o644)
		}
		cmd := exec.Command("bash", "-e", "-c", private.Run)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		if failed := err != nil; failed != tt.fails || tt.fails && !strings.Contains(string(out), "::error file=data/achievement.csv::This repository is public") {
			t.Errorf("with data/%v in a public repository: failed %v, want %v\n%s", tt.files, failed, tt.fails, out)
		}
	}
	// A pull request is checked and built, never published: no Pages
	// address (configure-pages runs only on main), so no --base-url.
	onMain, onPR := "github.event_name != 'pull_request'", "github.event_name == 'pull_request'"
	for _, st := range build.Steps {
		switch {
		case st.Uses == "actions/configure-pages@v6" || st.Uses == "actions/upload-pages-artifact@v5" || strings.Contains(st.Run, "--base-url"):
			if st.If != onMain {
				t.Errorf("step %q runs if %q, want only on main", st.Uses+st.Run, st.If)
			}
		case st.Run == "folio build":
			if st.If != onPR {
				t.Errorf("the pull request build runs if %q", st.If)
			}
		case st.Name == "Keep the results private":
			if st.If != "github.event.repository.private == false" {
				t.Errorf("the privacy step runs if %q, want in a public repository", st.If)
			}
		case st.If != "":
			t.Errorf("step %q runs only if %q; checks run on every event", st.Uses+st.Run, st.If)
		}
		switch st.Uses {
		case "actions/configure-pages@v6":
			if st.ID != "pages" {
				t.Errorf("configure-pages has id %q; the build reads steps.pages", st.ID)
			}
		case "actions/upload-pages-artifact@v5":
			if st.With["path"] != "public" {
				t.Errorf("uploads %v, want public", st.With["path"])
			}
		case "actions/setup-go@v6":
			if st.With["cache"] != false {
				t.Error("setup-go caches, but a district repository has no go.sum to key the cache on")
			}
		}
	}
}

func TestVersionPrintsModuleVersionAndCommit(t *testing.T) {
	code, out, _ := runCLI("version")
	if code != exitOK || !strings.HasPrefix(out, "folio ") || !strings.Contains(out, " go1.") {
		t.Errorf("version: exit %d, %q", code, out)
	}
	defer func(v string) { version = v }(version)
	version = "v1.4.0"
	if v, ok := releaseToPin(); v != "v1.4.0" || !ok {
		t.Errorf("a release pins %s (%v), want itself", v, ok)
	}
	for _, v := range []string{"v0.0.0-20261126140000-6d37462abcde", "v1.4.1-0.20261126140000-6d37462abcde+dirty", "(devel)"} {
		version = v
		if got, ok := releaseToPin(); got != defaultRelease || ok {
			t.Errorf("version %s pins %s, want the default %s", v, got, defaultRelease)
		}
	}
}

func TestNewSchoolWritesItsLevelAndGrades(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI("new", "site", dir); code != exitOK {
		t.Fatal("new site failed")
	}
	profile := func(id string) string {
		src, _ := os.ReadFile(filepath.Join(dir, "content", "schools", id, "_index.md"))
		return string(src)
	}
	if code, _, errs := runCLI("new", "school", "maple-grove", "--name", "Maple Grove", "--level", "middle", "--grades", "6-8", "--source", dir); code != exitOK {
		t.Fatal(errs)
	}
	if p := profile("maple-grove"); !strings.Contains(p, "\nlevel: middle\ngrades: \"6-8\"\n") {
		t.Errorf("--level middle --grades 6-8 wrote:\n%s", p)
	}
	if code, _, errs := runCLI("new", "school", "oak-high", "--name", "Oak High School", "--source", dir); code != exitOK {
		t.Fatal(errs)
	}
	if p := profile("oak-high"); !strings.Contains(p, "\nlevel: high\ngrades: \"9-12\"\n") {
		t.Errorf("a high school by its name wrote:\n%s", p)
	}
	if code, _, errs := runCLI("new", "school", "birch", "--source", dir); code != exitOK || !strings.Contains(profile("birch"), "\nlevel: \"\"  # elementary, middle or high\ngrades: \"\"\n") {
		t.Errorf("a school of unknown level: exit %d %s\n%s", code, errs, profile("birch"))
	}
	code, _, errs := runCLI("new", "school", "pine", "--level", "Middle School", "--source", dir)
	if want := "folio new school: --level 'Middle School' is not a school level — did you mean 'middle'? (a level is elementary, middle or high, or one declared under levels: in folio.yaml)\n"; code != exitUsage || errs != want {
		t.Errorf("bad level: exit %d %q, want %q", code, errs, want)
	}
	if code, out, errs := runCLI("check", "--strict", "--source", dir); code != exitOK {
		t.Errorf("check after new school: %s%s", out, errs)
	}
}
