// Package scaffold creates starter files: a whole site for `folio new
// site`, and a school folder for `folio new school`.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
)

//go:embed all:starter all:school
var files embed.FS

// SiteOptions are what a new site is made with.
type SiteOptions struct {
	// FolioVersion is the folio release the site's GitHub workflow and
	// README install, e.g. "v1.2.0".
	FolioVersion string
}

// NewSite writes a complete district repository into dir, which must not
// exist or be empty: a home page, one school with one narrative, a
// commented template of every data file, folio.yaml, a README for the
// district's authors, a .gitignore and the GitHub Pages workflow. It
// returns the files written, relative to dir.
func NewSite(dir string, o SiteOptions) ([]string, error) {
	if o.FolioVersion == "" {
		return nil, errors.New("no folio version to pin in the workflow")
	}
	replacer := strings.NewReplacer("{{folio-version}}", o.FolioVersion)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s already exists and is not empty; choose a new folder", dir)
	}
	var written []string
	err := fs.WalkDir(files, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "starter/")
		data = []byte(replacer.Replace(string(data)))
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(rel)), data); err != nil {
			return err
		}
		written = append(written, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// An empty public/ shows where the built site goes; .gitignore keeps
	// it out of the repository.
	if err := os.MkdirAll(filepath.Join(dir, "public"), 0o755); err != nil {
		return nil, err
	}
	return written, nil
}

var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// CheckSchoolID returns what is wrong with id as a school id, or "".
func CheckSchoolID(id string) string {
	if !slug.MatchString(id) {
		return fmt.Sprintf("school id %q must be a lowercase slug of letters, digits and hyphens, such as %q", id, generator.Slugify(id))
	}
	if id == generator.DistrictID {
		return "the id 'district' is reserved for the central office; choose another"
	}
	return ""
}

// SchoolOptions describe a new school.
type SchoolOptions struct {
	// Name defaults to the id in title case.
	Name string
	// Level is elementary, middle, high or a level of the site; by
	// default it is read from the name ("Oak Middle School" → middle),
	// else left blank for the author to fill in.
	Level string
	// Grades defaults to the usual grades of the level: K-5, 6-8, 9-12.
	Grades string
}

// NewSchool writes content/schools/<id>/ in the site folder siteDir with a
// starter profile and a draft narrative. today dates the narrative.
func NewSchool(siteDir, id string, o SchoolOptions, today time.Time) ([]string, error) {
	if msg := CheckSchoolID(id); msg != "" {
		return nil, errors.New(msg)
	}
	if fi, err := os.Stat(filepath.Join(siteDir, "content")); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s has no content/ folder: run this in a site folder, or pass --source", siteDir)
	}
	dir := path.Join("content", "schools", id)
	if _, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(dir))); err == nil {
		return nil, fmt.Errorf("%s already exists", dir)
	}
	name := o.Name
	if name == "" {
		name = titleCase(id)
	}
	level := o.Level
	if level == "" {
		level = levelFromName(name)
	}
	grades := o.Grades
	if grades == "" {
		grades = defaultGrades[level]
	}
	levelLine := "level: " + level
	if level == "" {
		levelLine = `level: ""  # elementary, middle or high`
	}
	replacer := strings.NewReplacer("{{name-yaml}}", yamlText(name), "{{name}}", name,
		"{{level-line}}", levelLine, "{{grades-yaml}}", yamlText(grades), "{{date}}", today.Format("2006-01-02"))
	var written []string
	for _, f := range []string{"_index.md", "getting-started.md"} {
		data, err := files.ReadFile("school/" + f)
		if err != nil {
			return nil, err
		}
		rel := path.Join(dir, f)
		if err := writeNew(filepath.Join(siteDir, filepath.FromSlash(rel)), []byte(replacer.Replace(string(data)))); err != nil {
			return nil, err
		}
		written = append(written, rel)
	}
	return written, nil
}

// defaultGrades are the usual grades of each built-in level.
var defaultGrades = map[string]string{"elementary": "K-5", "middle": "6-8", "high": "9-12"}

// levelFromName reads a built-in level from a school's name: "Oak Middle
// School" is middle. It returns "" when the name says none, or several.
func levelFromName(name string) string {
	found := ""
	for _, w := range strings.Fields(strings.ToLower(name)) {
		switch w {
		case "elementary", "middle", "high":
			if found != "" && found != w {
				return ""
			}
			found = w
		}
	}
	return found
}

func titleCase(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// yamlText writes s as a double-quoted YAML string, which reads back as s
// whatever it holds ("- Oak", "null", "St. Mary's: K-8").
func yamlText(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

func writeNew(target string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
