package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/internal/parallel"
	"github.com/folio-sites/folio/generator/sitefs"
)

// contentDir is the folder Load reads, relative to the site folder.
const contentDir = "content"

// Load reads content/ from fsys (the site folder) and returns the site's
// content. Every problem is appended to ds; Load keeps going after errors
// so that one run reports all of them. Drafts are left out unless
// cfg.Drafts. The result is never nil.
func Load(fsys fs.FS, cfg generator.Config, ds *generator.Diagnostics) *generator.Content {
	l := &loader{
		fsys:    fsys,
		cfg:     cfg,
		ds:      ds,
		md:      NewMarkdown(cfg.Markdown),
		out:     &generator.Content{},
		schools: map[string]*schoolDir{},
	}
	l.walk()
	l.runJobs()
	l.finish()
	return l.out
}

// job reads one markdown file with its own loader (and diagnostics), on
// any core, and returns what to do with the result; the returned funcs
// run one after another, in walk order.
type job func(sub *loader) (apply func())

// runJobs parses every markdown file found by walk in parallel: reading,
// front matter and goldmark are the bulk of the stage.
func (l *loader) runJobs() {
	type done struct {
		apply func()
		ds    generator.Diagnostics
	}
	results := parallel.Map(len(l.jobs), func(i int) done {
		sub := *l
		var ds generator.Diagnostics
		sub.ds = &ds
		return done{apply: l.jobs[i](&sub), ds: ds}
	})
	for _, r := range results {
		*l.ds = append(*l.ds, r.ds...)
		if r.apply != nil {
			r.apply()
		}
	}
	l.jobs = nil
}

// loader holds one Load call's state.
type loader struct {
	fsys    fs.FS
	cfg     generator.Config
	ds      *generator.Diagnostics
	md      *Markdown
	out     *generator.Content
	schools map[string]*schoolDir
	jobs    []job
	// leftOut is set by narrative when it leaves out a draft; each job
	// has its own loader, so this says whether that job's page was one.
	leftOut bool
}

// schoolDir collects what was found in one content/schools/<id>/ folder;
// its profile and narratives may come in any order.
type schoolDir struct {
	id         string
	path       string
	valid      bool // the folder name is a usable id
	hasIndex   bool
	unreadable bool
	school     *generator.School // nil when _index.md is missing or unusable
	narratives []*generator.Narrative
}

func (l *loader) walk() {
	_ = fs.WalkDir(l.fsys, contentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == contentDir && errors.Is(err, fs.ErrNotExist) {
				l.ds.Errorf(generator.Pos{File: contentDir},
					"create content/_index.md for the district home and content/schools/<id>/_index.md for each school",
					"content folder not found")
				return fs.SkipAll
			}
			l.ds.Errorf(generator.Pos{File: p}, "check that the folder can be read", "cannot read folder: %s", reason(err))
			if sd := l.schools[path.Base(p)]; sd != nil && sd.path == p {
				sd.unreadable = true // its missing _index.md is not news
			}
			return nil
		}
		if p == contentDir {
			if !d.IsDir() {
				l.ds.Errorf(generator.Pos{File: p}, "content must be a folder", "content is a file")
			}
			return nil
		}
		if isJunk(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if sitefs.IsLink(d) {
			return nil // never followed; sitefs.Check reports it
		}
		parts := strings.Split(strings.TrimPrefix(p, contentDir+"/"), "/")
		switch {
		case d.IsDir():
			if len(parts) == 2 && parts[0] == "schools" {
				l.schoolFolder(p, parts[1])
			}
		case isMarkdown(d.Name()):
			l.markdownFile(p, parts)
		default:
			l.artifact(p)
		}
		return nil
	})
}

// schoolFolder registers content/schools/<id>/ and checks its name.
func (l *loader) schoolFolder(p, id string) {
	sd := &schoolDir{id: id, path: p, valid: true}
	l.schools[id] = sd
	switch {
	case id == generator.DistrictID:
		sd.valid = false
		l.ds.Errorf(generator.Pos{File: p}, "put district narratives in content/district/ and give the school another folder name",
			"'%s' cannot be a school id: it is reserved for the central office", id)
	case !isSlug(id):
		sd.valid = false
		hint := "use lowercase letters, digits and single hyphens, e.g. lincoln-middle"
		if s := generator.Slugify(id); s != "" {
			hint = fmt.Sprintf("rename the folder to '%s' (lowercase letters, digits and single hyphens)", s)
		}
		l.ds.Errorf(generator.Pos{File: p}, hint, "school folder name '%s' is not a lowercase slug", id)
	}
}

// markdownFile dispatches a .md file on where it lies; parts is its path
// below content/.
func (l *loader) markdownFile(p string, parts []string) {
	name := parts[len(parts)-1]
	switch {
	case len(parts) == 1 && name == "_index.md":
		l.jobs = append(l.jobs, func(sub *loader) func() {
			home, ok := sub.home(p)
			return func() {
				if ok {
					l.out.Home = home
				}
			}
		})
	case len(parts) == 2 && parts[0] == "district" && name != "_index.md":
		l.jobs = append(l.jobs, func(sub *loader) func() {
			n := sub.narrative(p, "")
			return func() {
				if n != nil {
					l.out.District = append(l.out.District, n)
				}
				l.countDraft(sub)
			}
		})
	case len(parts) == 3 && parts[0] == "schools":
		sd := l.schools[parts[1]]
		if name == "_index.md" {
			sd.hasIndex = true
			l.jobs = append(l.jobs, func(sub *loader) func() {
				school := sub.school(p, sd.id)
				return func() { sd.school = school }
			})
		} else {
			l.jobs = append(l.jobs, func(sub *loader) func() {
				n := sub.narrative(p, sd.id)
				return func() {
					if n != nil {
						sd.narratives = append(sd.narratives, n)
					}
					l.countDraft(sub)
				}
			})
		}
	default:
		l.misplaced(p, parts)
	}
}

// countDraft counts the draft sub left out, if it left one out.
func (l *loader) countDraft(sub *loader) {
	if sub.leftOut {
		l.out.DraftsLeftOut++
	}
}

// misplaced warns about a markdown file folio does not read.
func (l *loader) misplaced(p string, parts []string) {
	pos := generator.Pos{File: p}
	name := parts[len(parts)-1]
	switch {
	case len(parts) == 2 && parts[0] == "district":
		l.ds.Warnf(pos, "move its text to content/_index.md, or rename the file to make it a district narrative",
			"this file is ignored: the district home page is content/_index.md")
	case len(parts) > 2 && parts[0] == "district":
		l.ds.Warnf(pos, "move it to content/district/"+name,
			"markdown file in a subfolder is ignored: narratives belong directly in content/district/")
	case len(parts) > 3 && parts[0] == "schools":
		l.ds.Warnf(pos, fmt.Sprintf("move it to content/schools/%s/%s", parts[1], name),
			"markdown file in a subfolder is ignored: narratives belong directly in content/schools/<id>/")
	case len(parts) == 2 && parts[0] == "schools":
		l.ds.Warnf(pos, "a school profile is content/schools/<id>/_index.md, a school narrative content/schools/<id>/"+name,
			"markdown file is ignored: each school's pages go in its own folder")
	default:
		l.ds.Warnf(pos, fmt.Sprintf("move a district narrative to content/district/%s, a school narrative to content/schools/<id>/%s", name, name),
			"markdown file is ignored: folio reads content/_index.md, content/district/ and content/schools/<id>/")
	}
}

// finish reports school folders without a profile and sorts everything.
func (l *loader) finish() {
	for _, id := range slices.Sorted(maps.Keys(l.schools)) {
		sd := l.schools[id]
		if !sd.hasIndex && !sd.unreadable {
			l.ds.Errorf(generator.Pos{File: sd.path}, fmt.Sprintf("create %s/_index.md with at least a name:", sd.path),
				"school folder '%s' has no _index.md", sd.id)
		}
		if !sd.valid || sd.school == nil {
			continue
		}
		sd.school.Narratives = generator.SortNarratives(sd.narratives)
		l.out.Schools = append(l.out.Schools, sd.school)
	}
	slices.SortFunc(l.out.Schools, func(a, b *generator.School) int { return cmp.Compare(a.ID, b.ID) })
	l.out.District = generator.SortNarratives(l.out.District)
	slices.SortFunc(l.out.Artifacts, func(a, b generator.Artifact) int { return cmp.Compare(a.Path, b.Path) })
}

// reason is err without the path that the diagnostic already shows.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Narrative reads the one narrative at p (a site-relative path such as
// content/schools/<id>/walks.md) exactly as Load would, for a rebuild
// after that file alone changed. It returns nil for an excluded draft or
// a page that cannot be used, with the problems in ds.
func Narrative(fsys fs.FS, cfg generator.Config, p string, ds *generator.Diagnostics) *generator.Narrative {
	l := &loader{fsys: fsys, cfg: cfg, ds: ds, md: NewMarkdown(cfg.Markdown), out: &generator.Content{}, schools: map[string]*schoolDir{}}
	parts := strings.Split(strings.TrimPrefix(p, contentDir+"/"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "district" && isMarkdown(parts[1]) && parts[1] != "_index.md":
		return l.narrative(p, "")
	case len(parts) == 3 && parts[0] == "schools" && isMarkdown(parts[2]) && parts[2] != "_index.md":
		return l.narrative(p, parts[1])
	}
	return nil
}
