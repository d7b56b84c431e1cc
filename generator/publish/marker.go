package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

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
)

// legacyMarker is what folio wrote in its marker before the entries were
// listed (November 2026). Such a folder is replaced once, unless it holds
// a version-control folder.
const legacyMarker = "This folder is written by folio build and replaced on every build.\n"

// vcsDirs are folders no build writes and whose loss is never wanted.
var vcsDirs = []string{".git", ".hg", ".svn"}

// markerText is the marker of an output holding the given top-level names.
func markerText(names []string) []byte {
	names = append([]string{Marker}, names...)
	slices.Sort(names)
	names = slices.Compact(names)
	return []byte(markerHeader + entriesLine + "\n" + strings.Join(names, "\n") + "\n")
}

// marker is what a .folio-output file says.
type marker struct {
	legacy   bool
	entries  map[string]bool
	building string // the host of a build under way, in a temporary folder
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
func Replaceable(dest string) error {
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
