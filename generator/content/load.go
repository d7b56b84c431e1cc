package content

import (
	"cmp"
	"crypto/sha256"
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
	"golang.org/x/text/unicode/norm"
)

// contentDir is the folder Load reads, relative to the site folder.
const contentDir = "content"

// Load reads content/ from fsys (the site folder) and returns the site's
// content. Every problem is appended to ds; Load keeps going after errors
// so that one run reports all of them. Drafts are left out unless
// cfg.Drafts. The result is never nil.
func Load(fsys fs.FS, cfg generator.Config, ds *generator.Diagnostics) *generator.Content {
	c, _ := LoadCached(fsys, cfg, nil, nil, false, ds)
	return c
}

// Cache remembers what a load made of each markdown file — the page and
// the problems found in it — with a hash of the file, so that the next
// load parses only the files that changed. A Cache is never changed once
// made; what it holds is shared by the loads that reuse it, and nothing
// downstream may modify a narrative.
type Cache struct {
	settings settings
	files    map[string]cached
	// events is what the walk of content/ found (nil when it failed);
	// isFile indexes its regular files, and found is their site paths (see
	// foundPaths).
	events []walkEvent
	isFile map[string]bool
	found  map[string]bool
}

// settings are the parts of the configuration that change how a file is
// read: a change to one of them invalidates a whole Cache.
type settings struct {
	drafts       bool
	markdown     generator.MarkdownConfig
	keepMarkdown bool
	// basePath is the site's: the links of bodies are written for it.
	basePath string
}

type cached struct {
	sum [sha256.Size]byte
	val any // generator.Home, *generator.School or *generator.Narrative; nil when unusable
	ds  generator.Diagnostics
}

// LoadCached is Load reusing prev (nil for none): a markdown file whose
// bytes hash as they did in prev is not parsed again. changed, when not
// nil, lists the only paths (site-relative; a folder stands for what is
// under it) that changed since prev — the caller watched the files: other
// files are not even read, and when the changes are edits of files prev
// found, content/ is not walked again either. It returns the Cache for the
// next load.
//
// keepMarkdown keeps each narrative's markdown in memory, from which its
// HTML is made when a page asks for it (see Narrative.Body), so that its
// pages can be rendered after the file changed: the preview keeps serving
// the last good site while a file is broken. Without it, the HTML made
// while checking is kept in a spool file (see spool) until the page is
// rendered: a build renders every page at once, and does not hold 5,000
// narratives' text in memory.
//
// LoadCached is Start followed by Finish.
func LoadCached(fsys fs.FS, cfg generator.Config, prev *Cache, changed []string, keepMarkdown bool, ds *generator.Diagnostics) (*generator.Content, *Cache) {
	return Start(fsys, cfg, prev, changed, keepMarkdown, ds).Finish()
}

// Loading is a load of content/ half done: content/ has been walked and
// the school profiles (content/schools/<id>/_index.md) read, and the
// narratives, the bulk of the work, are still to be parsed. What it has
// found so far (see Outline) is all that evidence needs, which may then
// load beside the narratives. Finish completes the load.
type Loading struct {
	l          *loader
	prev, next *Cache
	unchanged  func(string) bool
	// rest are the jobs Start left for Finish: every markdown file but
	// the school profiles.
	rest []job
}

// Start begins LoadCached (see it for the arguments): it walks content/
// (or replays prev's walk) and reads the school profiles. Problems are
// appended to ds, by Start and then by Finish.
func Start(fsys fs.FS, cfg generator.Config, prev *Cache, changed []string, keepMarkdown bool, ds *generator.Diagnostics) *Loading {
	next := &Cache{settings: settings{drafts: cfg.Drafts, markdown: cfg.Markdown, keepMarkdown: keepMarkdown, basePath: generator.BasePath(cfg.BaseURL)}, files: map[string]cached{}}
	if prev != nil && prev.settings != next.settings {
		prev = nil
	}
	l := &loader{
		fsys:         fsys,
		cfg:          cfg,
		ds:           ds,
		keepMarkdown: keepMarkdown,
		spool:        new(spool),
		drafts:       map[string]bool{},
		md:           NewMarkdown(cfg.Markdown).Under(generator.BasePath(cfg.BaseURL)),
		out:          &generator.Content{},
		schools:      map[string]*schoolDir{},
	}
	replayed := l.replay(prev, changed)
	if !replayed {
		l.walk()
	}
	switch {
	case replayed: // the same tree: what was made of it holds
		next.events, next.isFile, next.found = prev.events, prev.isFile, prev.found
	case !l.walkFailed:
		next.events = l.events
		next.isFile = make(map[string]bool, len(l.events))
		for _, ev := range l.events {
			// Only a regular file: a link or a named pipe replaced by a
			// file is a new entry, which replay must not take for the
			// same tree.
			next.isFile[ev.p] = !ev.dir && !ev.symlink && ev.special == ""
		}
		next.found = l.foundPaths()
	}
	ld := &Loading{l: l, prev: prev, next: next, unchanged: unchangedFunc(changed)}
	var profiles []job
	for _, j := range l.jobs {
		if j.profile {
			profiles = append(profiles, j)
		} else {
			ld.rest = append(ld.rest, j)
		}
	}
	l.jobs = profiles
	l.runJobs(prev, next, ld.unchanged)
	return ld
}

// Outline returns the schools and evidence files that Finish's Content
// will hold, sorted as there: each school whose folder name is valid and
// whose profile could be read, with its ID and Name only (no other field,
// no narratives), and every evidence file — what evidence.KnownFrom
// reads. It is made anew for the caller, who may read it while Finish
// runs; Outline itself must be called before Finish.
func (ld *Loading) Outline() *generator.Content {
	out := &generator.Content{Artifacts: slices.Clone(ld.l.out.Artifacts)}
	for _, sd := range ld.l.schools {
		if sd.valid && sd.school != nil {
			out.Schools = append(out.Schools, &generator.School{ID: sd.school.ID, Name: sd.school.Name})
		}
	}
	slices.SortFunc(out.Schools, func(a, b *generator.School) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(out.Artifacts, func(a, b generator.Artifact) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// Finish parses the narratives and completes the load: the site's
// content, and the Cache for the next load. It is called once.
func (ld *Loading) Finish() (*generator.Content, *Cache) {
	l := ld.l
	l.jobs, ld.rest = ld.rest, nil
	l.runJobs(ld.prev, ld.next, ld.unchanged)
	l.finish()
	found := ld.next.found
	if found == nil {
		found = l.foundPaths() // what a walk that failed found
	}
	checkLinks(l.out, l.drafts, found, l.ds)
	return l.out, ld.next
}

// unchangedFunc says whether a path is not among changed (nor under a
// changed folder); nil when changed is nil (nothing is known).
func unchangedFunc(changed []string) func(string) bool {
	if changed == nil {
		return nil
	}
	set := make(map[string]bool, len(changed))
	for _, c := range changed {
		set[c] = true
	}
	return func(p string) bool {
		for q := p; q != "." && q != "/"; q = path.Dir(q) {
			if set[q] {
				return false
			}
		}
		return true
	}
}

// job reads one markdown file with its own loader (and diagnostics), on
// any core; apply then files the result (a generator.Home, *School or
// *Narrative, or nil), one job after another, in walk order: the school
// profiles' jobs in Start, the others' in Finish.
type job struct {
	path  string
	read  func(sub *loader) any
	apply func(v any)
	// profile marks a school's _index.md, which Start reads (see Loading).
	profile bool
}

// runJobs parses the markdown files of l.jobs in parallel — reading,
// front matter and goldmark are the bulk of the stage — reusing from prev
// what did not change, and records each in next.
func (l *loader) runJobs(prev, next *Cache, unchanged func(string) bool) {
	type result struct {
		cached
		keep bool // false: the file could not be read, so there is nothing to compare next time
	}
	results := parallel.Map(len(l.jobs), func(i int) result {
		j := l.jobs[i]
		defer generator.Guard(j.path)
		var old cached
		var known bool
		if prev != nil {
			old, known = prev.files[j.path]
		}
		if known && unchanged != nil && unchanged(j.path) {
			return result{old, true}
		}
		sub := *l
		var ds generator.Diagnostics
		sub.ds = &ds
		if known {
			// Compare the bytes with prev's before parsing them.
			if src, err := sitefs.ReadFileUpTo(l.fsys, j.path, MaxMarkdownSize); err == nil {
				if sha256.Sum256(src) == old.sum {
					return result{old, true}
				}
				sub.src = src
			}
		}
		v := j.read(&sub)
		if sub.src == nil {
			return result{cached{val: v, ds: ds}, false}
		}
		return result{cached{sum: sub.sum(), val: v, ds: ds}, true}
	})
	for i, r := range results {
		j := l.jobs[i]
		if r.keep {
			next.files[j.path] = r.cached
		}
		*l.ds = append(*l.ds, r.ds...)
		j.apply(r.val)
	}
	l.jobs = nil
}

// loader holds one Load call's state.
type loader struct {
	fsys fs.FS
	cfg  generator.Config
	ds   *generator.Diagnostics
	// keepMarkdown: see LoadCached.
	keepMarkdown bool
	// spool keeps a build's narratives' HTML (nil or empty in a loader
	// that keeps the markdown), shared by every job's loader.
	spool   *spool
	md      *Markdown
	out     *generator.Content
	schools map[string]*schoolDir
	jobs    []job
	// leftOut is set by narrative when it leaves out a draft; each job
	// has its own loader, so this says whether that job's page was one.
	leftOut bool
	// drafts are the pages of the drafts left out (see countDraft).
	drafts map[string]bool
	// src holds the bytes of the one file a job's loader reads, once read
	// (or before, when the cache read them to compare with its hash).
	src []byte
	// srcSum is the hash of src, once computed (see sum).
	srcSum *[sha256.Size]byte
	// events is what the walk found, for the next load to replay;
	// walkFailed is set when a folder could not be read (no replay then).
	events     []walkEvent
	walkFailed bool
}

// sum is the hash of the bytes the loader read, computed once.
func (l *loader) sum() [sha256.Size]byte {
	if l.srcSum == nil {
		sum := sha256.Sum256(l.src)
		l.srcSum = &sum
	}
	return *l.srcSum
}

// walkEvent is a file or folder the walk of content/ found and kept, or a
// symbolic link it found and did not follow.
type walkEvent struct {
	p       string
	dir     bool
	symlink bool
	// special names what an entry that is neither a file, a folder nor a
	// link is ("a named pipe"): an error, and never read.
	special string
}

// dispatch files what the walk found.
func (l *loader) dispatch(ev walkEvent) {
	if ev.symlink {
		return
	}
	if ev.special != "" {
		// A named pipe would stop the build reading it, for ever.
		l.ds.Errorf(generator.Pos{File: ev.p}, "remove it: only plain files and folders are published",
			"%s is not a plain file but %s", path.Base(ev.p), ev.special)
		return
	}
	if name := path.Base(ev.p); !norm.NFC.IsNormalString(name) {
		// As macOS may save it ("e" and a combining accent): a link typed
		// as "école.pdf" names other bytes, and leads nowhere once the
		// site is built on any other system.
		l.ds.Warnf(generator.Pos{File: ev.p}, "rename it, typing its name again, so that links typed on a keyboard find it",
			"the name '%s' writes its accents as separate marks", name)
	}
	p := ev.p
	parts := strings.Split(strings.TrimPrefix(p, contentDir+"/"), "/")
	switch {
	case ev.dir:
		if len(parts) == 2 && parts[0] == "schools" {
			l.schoolFolder(p, parts[1])
		}
	case isMarkdown(path.Base(p)) && !misnamedIndex(path.Base(p)):
		l.markdownFile(p, parts)
	case strings.EqualFold(path.Ext(p), ".md"):
		// plan.MD, _Index.md: markdown named so that folio would take
		// it for evidence, or for a narrative called "_Index".
		right := strings.TrimSuffix(path.Base(p), path.Ext(p)) + ".md"
		if strings.EqualFold(right, "_index.md") {
			right = "_index.md"
			if sd := l.schools[parts[min(1, len(parts)-1)]]; len(parts) == 3 && parts[0] == "schools" && sd != nil {
				sd.unreadable = true // its missing _index.md is this one: not news
			}
		}
		l.ds.Errorf(generator.Pos{File: p}, "rename it to "+right+": folio reads markdown files by names in lowercase .md, and _index.md for a home or profile page",
			"'%s' is a markdown file folio does not read under that name", path.Base(p))
	default:
		l.artifact(p)
	}
}

// misnamedIndex reports whether name is _index.md written with capitals.
func misnamedIndex(name string) bool {
	return name != "_index.md" && strings.EqualFold(name, "_index.md")
}

// replay files what prev's walk found again, without walking, when the
// only changes to content/ since were to files that walk found, which are
// still files: the tree is the same. It reports whether it could.
func (l *loader) replay(prev *Cache, changed []string) bool {
	if prev == nil || prev.events == nil || changed == nil {
		return false
	}
	for _, c := range changed {
		if c != contentDir && !strings.HasPrefix(c, contentDir+"/") {
			continue // outside content/: not the walk's business
		}
		if !prev.isFile[c] || !isRegularFile(l.fsys, c) {
			return false
		}
	}
	for _, ev := range prev.events {
		l.dispatch(ev)
	}
	l.events = prev.events
	return true
}

// isRegularFile reports whether p is a regular file, not a link to one; a
// panic while looking (a bug) is a crash at p.
func isRegularFile(fsys fs.FS, p string) bool {
	defer generator.Guard(p)
	fi, err := fs.Lstat(fsys, p)
	return err == nil && fi.Mode().IsRegular()
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
			l.walkFailed = true
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
		if sitefs.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if sitefs.IsLink(d) {
			// Never followed; sitefs.Check reports it. Kept so that a
			// link to it is not reported again (see foundPaths).
			l.events = append(l.events, walkEvent{p: p, symlink: true})
			return nil
		}
		ev := walkEvent{p: p, dir: d.IsDir()}
		if !d.IsDir() && !d.Type().IsRegular() {
			ev.special = specialKind(d.Type())
		}
		l.events = append(l.events, ev)
		l.dispatch(ev)
		return nil
	})
}

// specialKind names what a folder entry that is neither a file, a folder
// nor a link is.
func specialKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
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
	if name == "index.md" && len(parts) > 1 {
		l.ds.Warnf(generator.Pos{File: p}, "a home or profile page is _index.md; rename it so if that is what it is, or give the narrative a name of its own",
			"index.md is read as a narrative called \"index\", at %sindex/", "/"+strings.Join(parts[:len(parts)-1], "/")+"/")
	}
	switch {
	case len(parts) == 1 && name == "_index.md":
		l.jobs = append(l.jobs, job{path: p,
			read: func(sub *loader) any {
				if home, ok := sub.home(p); ok {
					return home
				}
				return nil
			},
			apply: func(v any) {
				if home, ok := v.(generator.Home); ok {
					l.out.Home = home
				}
			}})
	case len(parts) == 2 && parts[0] == "district" && name != "_index.md":
		l.jobs = append(l.jobs, job{path: p,
			read: func(sub *loader) any { return readNarrative{sub.narrative(p, ""), sub.leftOut} },
			apply: func(v any) {
				r := v.(readNarrative)
				if r.n != nil {
					l.out.District = append(l.out.District, r.n)
				}
				l.countDraft(p, r)
			}})
	case len(parts) == 3 && parts[0] == "schools":
		sd := l.schools[parts[1]]
		if name == "_index.md" {
			sd.hasIndex = true
			l.jobs = append(l.jobs, job{path: p, profile: true,
				read: func(sub *loader) any { return sub.school(p, sd.id) },
				apply: func(v any) {
					if school, _ := v.(*generator.School); school != nil {
						// A copy: finish gives it this load's narratives,
						// and the cached one may still be on show.
						c := *school
						sd.school = &c
					}
				}})
		} else {
			l.jobs = append(l.jobs, job{path: p,
				read: func(sub *loader) any { return readNarrative{sub.narrative(p, sd.id), sub.leftOut} },
				apply: func(v any) {
					r := v.(readNarrative)
					if r.n != nil {
						sd.narratives = append(sd.narratives, r.n)
					}
					l.countDraft(p, r)
				}})
		}
	default:
		l.misplaced(p, parts)
	}
}

// readNarrative is what reading a narrative file gave: the narrative, or
// nil; leftOut is set when it was a draft left out.
type readNarrative struct {
	n       *generator.Narrative
	leftOut bool
}

// foundPaths are the site paths of every file the walk found, published
// or not (a markdown file's page; another file's own path; a school
// folder's page), and of the symbolic links it did not follow: one that
// is not published has had its own problem reported, which a link to it
// need not repeat (see checkLinks).
func (l *loader) foundPaths() map[string]bool {
	found := map[string]bool{}
	for _, ev := range l.events {
		switch {
		case ev.dir:
			if parts := strings.Split(ev.p, "/"); len(parts) == 3 && parts[1] == "schools" {
				found["/schools/"+parts[2]+"/"] = true
			}
		case strings.HasSuffix(ev.p, ".md"):
			page, _ := bodyPage(ev.p)
			found[page] = true
		default:
			found[strings.TrimPrefix(ev.p, contentDir)] = true
		}
	}
	return found
}

// countDraft counts the draft r read from p left out, if it left one
// out, and notes its page (see checkLinks).
func (l *loader) countDraft(p string, r readNarrative) {
	if r.leftOut {
		l.out.DraftsLeftOut++
		page, _ := bodyPage(p)
		l.drafts[page] = true
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
