package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
)

// Marker is the file every build writes at the root of its output. A
// destination that holds files is replaced only when it carries a marker
// that folio wrote, listing everything the folder holds (see
// [Replaceable]), so that a mistyped --dest cannot delete a folder folio
// did not make, nor files added to an output folder by hand.
const Marker = ".folio-output"

// markerFirstLine begins every marker this version writes; the text after
// it explains the file to whoever opens it, and "entries:" then lists the
// names at the top of the folder, one a line, sorted.
const (
	markerFirstLine = "folio-output 1"
	markerHeader    = markerFirstLine + `
This folder was written by folio build, which replaces it whole on every
build. folio replaces a folder only when it holds this file and nothing but
the entries listed below: anything added by hand stops the next build
instead of being deleted with the folder. Put your own files in the site's
static/ or content/ folder.
`
	entriesLine = "entries:"
	// treePrefix begins the line that counts and hashes every path the
	// build wrote below the top of the folder (see treeSum).
	treePrefix = "tree: "
)

// legacyMarker is what folio wrote in its marker before the entries were
// listed (November 2026). Such a folder is replaced once, unless it holds
// a version-control folder.
const legacyMarker = "This folder is written by folio build and replaced on every build.\n"

// vcsDirs are folders no build writes and whose loss is never wanted.
var vcsDirs = []string{".git", ".hg", ".svn"}

// markerText is the marker of an output holding the given files (paths
// relative to the folder, with slashes).
func markerText(files []string) []byte {
	names := []string{Marker}
	for _, p := range files {
		top, _, _ := strings.Cut(p, "/")
		names = append(names, top)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return []byte(markerHeader + treePrefix + treeSum(files) + "\n" + entriesLine + "\n" + strings.Join(names, "\n") + "\n")
}

// treeSum counts and hashes the paths of an output: every file given and
// every folder holding one. The marker keeps it so that a file or folder
// added by hand anywhere in the folder, not only at its top, is found
// before the folder is replaced (the marker cannot list every path: 22,000
// at 1,000 schools). The marker itself and the files kept across builds
// (.gitkeep) are not counted.
func treeSum(files []string) string {
	paths := map[string]bool{}
	for _, p := range files {
		paths[p] = true
		for d := path.Dir(p); d != "." && !paths[d]; d = path.Dir(d) {
			paths[d] = true
		}
	}
	return hashPaths(slices.Collect(maps.Keys(paths)))
}

// hashPaths is treeSum's count and hash of a whole list of paths.
func hashPaths(paths []string) string {
	paths = slices.DeleteFunc(paths, func(p string) bool { return p == Marker || slices.Contains(keep, p) })
	slices.Sort(paths)
	h := sha256.New()
	for _, p := range paths {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%d %x", len(paths), h.Sum(nil))
}

// treeNow is treeSum of the folder dir as it is, every folder in it
// counted and the paths that are not plain files or folders (a link)
// counted as files. It reads the folders only, with no call for each
// file (62 ms at 1,000 schools).
func treeNow(dir string) (string, error) {
	var paths []string
	root := filepath.Clean(dir) + string(filepath.Separator)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if rel, ok := strings.CutPrefix(p, root); ok {
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	return hashPaths(paths), err
}

// changedSince lists the paths under dir changed after t, to name in a
// message what was most likely added by hand: the files, or where no
// file is, the innermost folders (a folder changes when something is
// made in it).
func changedSince(dir string, t time.Time) []string {
	var files, dirs []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // what can be read is named
		}
		fi, ierr := d.Info()
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || ierr != nil || !fi.ModTime().After(t):
		case d.IsDir():
			dirs = append(dirs, rel+"/")
		case rel != Marker:
			files = append(files, rel)
		}
		return nil
	})
	if len(files) > 0 {
		return files
	}
	var innermost []string
	for _, d := range dirs {
		if !slices.ContainsFunc(dirs, func(e string) bool { return e != d && strings.HasPrefix(e, d) }) {
			innermost = append(innermost, d)
		}
	}
	return innermost
}

// marker is what a .folio-output file says.
type marker struct {
	legacy   bool
	entries  map[string]bool
	building string // the host of a build under way, in a temporary folder
	// tree is the treeSum of what the build wrote; "" in the markers of
	// builds before it was kept, whose folders are checked at the top only.
	tree string
}

// readMarker reads the marker at path; the error says why it is not one
// folio wrote.
func readMarker(path string) (marker, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return marker{}, err
	}
	if !fi.Mode().IsRegular() {
		return marker{}, errors.New("it is not a plain file")
	}
	if fi.Size() > 1<<20 {
		return marker{}, errors.New("it is larger than any marker folio writes")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return marker{}, err
	}
	text := string(data)
	if text == legacyMarker {
		return marker{legacy: true}, nil
	}
	if text == "" {
		return marker{}, errors.New("it is empty")
	}
	first, rest, _ := strings.Cut(text, "\n")
	if first != markerFirstLine {
		return marker{}, fmt.Errorf("its first line is not %q", markerFirstLine)
	}
	m := marker{entries: map[string]bool{}}
	in := false
	for _, line := range strings.Split(rest, "\n") {
		switch {
		case in && line != "":
			m.entries[line] = true
		case line == entriesLine:
			in = true
		case !in && strings.HasPrefix(line, treePrefix):
			m.tree = strings.TrimPrefix(line, treePrefix)
		case strings.HasPrefix(line, "building on "):
			m.building = strings.TrimPrefix(line, "building on ")
		}
	}
	return m, nil
}

// Replaceable reports an error when dest holds anything a build of folio
// did not write, since a build replaces its destination whole. A missing
// or empty folder, or one holding only a .gitkeep, is replaceable; a
// folder holding files must carry a [Marker] written by folio and nothing
// but the entries it lists (plus a .gitkeep). A marker of the previous
// format (one line of text, no list) is accepted unless the folder holds
// a .git, .hg or .svn folder; an empty marker, or any other text, is not
// folio's.
func Replaceable(dest string) error { return replaceable(dest, true) }

// replaceable is Replaceable; deep false leaves out the check below the
// top of the folder, for the spare, which is folio's own folder (it was
// checked whole as the destination before it was moved there).
func replaceable(dest string, deep bool) error {
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		if fi, serr := os.Stat(dest); serr == nil && !fi.IsDir() {
			return fmt.Errorf("the destination %s is a file, not a folder", dest)
		}
		return err
	}
	var others []string
	hasMarker := false
	for _, e := range entries {
		switch {
		case e.Name() == Marker:
			hasMarker = true
		case !slices.Contains(keep, e.Name()):
			others = append(others, e.Name())
		}
	}
	if !hasMarker {
		if len(others) == 0 {
			return nil
		}
		return fmt.Errorf("the destination %s holds files folio did not write (%s) and no %s file of an earlier build; a build replaces its destination whole, so give a new or empty folder with --dest (if this folder is the output of an older folio, delete it and build again)",
			dest, list(others), Marker)
	}
	m, err := readMarker(filepath.Join(dest, Marker))
	if err != nil {
		return fmt.Errorf("the destination %s has a %s file that folio did not write (%v); a build replaces its destination whole, so give a new or empty folder with --dest (if this folder holds only an earlier build, delete it and build again)",
			dest, Marker, err)
	}
	var foreign []string
	for _, name := range others {
		if m.legacy && slices.Contains(vcsDirs, name) || !m.legacy && !m.entries[name] {
			foreign = append(foreign, name)
		}
	}
	if len(foreign) > 0 {
		return fmt.Errorf("the destination %s holds %s, which the build that wrote the folder did not write; a build replaces its destination whole, so move %s out of the folder first, or give another folder with --dest",
			dest, list(foreign), them(len(foreign)))
	}
	if m.tree == "" || !deep {
		return nil
	}
	sum, err := treeNow(dest)
	if err != nil {
		return fmt.Errorf("the destination %s cannot be read whole (%v); a build replaces its destination whole, so give another folder with --dest", dest, err)
	}
	if sum != m.tree {
		fi, err := os.Lstat(filepath.Join(dest, Marker))
		if err != nil {
			return err
		}
		newer := changedSince(dest, fi.ModTime())
		var was, is int
		fmt.Sscan(m.tree, &was)
		fmt.Sscan(sum, &is)
		changed := fmt.Sprintf("some of the %d files and folders folio wrote were removed, renamed or replaced", was)
		if is > was && len(newer) > 0 {
			changed = "it holds " + list(newer) + ", added since folio wrote it"
		} else if is > was {
			changed = fmt.Sprintf("it holds %d files and folders where folio wrote %d", is, was)
		}
		return fmt.Errorf("the destination %s was changed by hand: %s; a build replaces its destination whole, so move your files out of it first (your own files belong in the site's static/ or content/ folder), or delete the folder if nothing in it is yours",
			dest, changed)
	}
	return nil
}

// list names a few entries: "a, b, c and 4 more".
func list(names []string) string {
	slices.Sort(names)
	shown := make([]string, 0, 3)
	for _, n := range names[:min(3, len(names))] {
		shown = append(shown, generator.Printable(generator.Cut(n, generator.MaxQuoted)))
	}
	s := strings.Join(shown, ", ")
	if len(names) > 3 {
		s += fmt.Sprintf(" and %d more", len(names)-3)
	}
	return s
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// tempName matches the temporary folders of this version: the build's
// folder (.folio-build-PID-RANDOM) and the previous output it moves aside
// while swapping (…-previous).
var tempName = regexp.MustCompile(`^\.folio-build-([0-9]+)-[0-9]+(-previous)?$`)

// removeStale removes the temporary folders that builds killed before
// they could clean up (SIGKILL, power loss) left in parent. A folder is
// removed only when all of these hold: its name is one this version
// gives; it is a real folder, not a link; the process whose id the name
// carries is not running on this computer (and is not this one); and it
// is empty or carries a marker folio wrote — for a build's own folder,
// one that names this computer if it was still being built. Folders of
// older versions (no process id in the name) are left alone.
func removeStale(parent string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	host, _ := os.Hostname()
	for _, e := range entries {
		m := tempName.FindStringSubmatch(e.Name())
		if m == nil || e.Type() != fs.ModeDir {
			continue
		}
		pid, err := strconv.Atoi(m[1])
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		inner, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		if len(inner) > 0 {
			mk, err := readMarker(filepath.Join(dir, Marker))
			if err != nil || (m[2] == "" && mk.building != "" && mk.building != host) {
				continue
			}
		}
		removeTree(dir)
	}
}
