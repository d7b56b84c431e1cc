package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
)

// The previous output is kept as a spare. When a build is swapped in, the
// output it replaces is not deleted: it is moved to .folio-spare/<name of
// the destination> beside the destination, and the next build writes into
// it, overwriting each file that keeps its name and removing, before the
// swap, every file and folder it did not write. A build thus neither
// deletes nor creates the tens of thousands of files of a large site, but
// rewrites them — what the file system does fastest (a 1,000-school
// site: about 3 s less, the removal of the old output gone, and new files
// not waiting on the inodes of deleted ones). The cost is disk space: a
// second copy of the output beside it. Deleting .folio-spare at any time
// is safe; the next build then starts from an empty folder.
//
// A spare is only ever used when it is a real folder carrying a marker
// folio wrote and nothing but the entries it lists (see Replaceable), and
// holding nothing but plain folders and files, and a file is only written
// over when it is a plain file with one name (see writeBytes): a symbolic
// or hard link planted in it could otherwise make a build write over a
// file elsewhere. A folder that is not a spare is left where it is,
// untouched, and the build starts from an empty folder as it would
// without one. (Someone who can write to the site's folder while a build
// runs could still swap a folder of the spare for a link after it was
// listed; such a person can change the site's content anyway.)
//
// The .folio-spare folder must be a real folder and not an output itself
// (see spareHome); it is readable by its owner only and ignored by git,
// since it holds what the previous output published, withdrawn pages
// included. Files and folders of the spare are reused only when they are
// as new ones would be (see fresh), and only on a file system that tells
// names apart exactly (see namesExact): the output must be what a build
// into an empty folder would have made.
const spareDir = ".folio-spare"

// sparePath is where the spare of dest is kept.
func sparePath(dest string) string {
	return filepath.Join(filepath.Dir(dest), spareDir, filepath.Base(dest))
}

// spareHome reports whether dest's .folio-spare folder may hold a spare:
// it must be a real folder, never a symbolic link (a build would claim,
// and write into, a folder elsewhere that holds folio's output, such as
// another site's, and move its previous output there), and not an output
// itself: neither dest (a destination named .folio-spare would get its
// previous output inside it) nor another destination so named beside it.
func spareHome(dest string) bool {
	if filepath.Base(dest) == spareDir {
		return false
	}
	home := filepath.Dir(sparePath(dest))
	fi, err := os.Lstat(home)
	if err != nil || !fi.IsDir() {
		return false
	}
	_, err = os.Lstat(filepath.Join(home, Marker))
	return errors.Is(err, fs.ErrNotExist)
}

// namesExact reports whether the file system of dir, an empty folder,
// tells apart names that differ only in case or in Unicode normalization.
// Where it does not (macOS by default), a build writing about.html into
// a spare holding About.html would write over that file, then remove it
// as a file it did not write, and the page would be missing; a spare is
// not used there.
func namesExact(dir string) bool {
	p := filepath.Join(dir, "probe-\u00e9") // é, one code point
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY|noFollow, 0o644)
	if err != nil {
		return false
	}
	f.Close()
	defer os.Remove(p)
	for _, other := range []string{"PROBE-\u00c9", "probe-e\u0301"} { // upper case; e and an accent
		if _, err := os.Lstat(filepath.Join(dir, other)); !errors.Is(err, fs.ErrNotExist) {
			return false
		}
	}
	return true
}

// spare is a claimed spare being listed: files and dirs are what it
// holds, relative, with "/", once done is closed; plain is false if it
// holds anything but plain folders and files.
type spare struct {
	done        chan struct{}
	files, dirs map[string]bool
	plain       bool
	like        fresh
}

// fresh is what a new file and a new folder get where a build writes:
// their permission bits (0o644 and 0o755 less the umask, with the
// set-group-id bit a folder inherits) and their owner. A file or folder of
// the spare that differs is not reused (see writeBytes and listPlain): an
// output written over a spare must be what a new folder would hold, not
// carry the permissions of a build run under another umask, or a file
// someone else owns.
type fresh struct {
	file, dir uint32
	uid, gid  uint32
}

// claimSpare moves dest's spare, if there is a usable one, to tmp (an
// empty folder) and starts listing it (see spare.wait); nil when there is
// no usable spare, and then tmp is still an empty folder.
func claimSpare(dest, tmp string) *spare {
	if !reuseSpares {
		return nil
	}
	from := sparePath(dest)
	if !spareHome(dest) {
		return nil
	}
	fi, err := os.Lstat(from)
	if err != nil || !fi.IsDir() {
		return nil
	}
	if m, err := readMarker(filepath.Join(from, Marker)); err != nil || m.legacy || m.building != "" || replaceable(from, false) != nil {
		return nil
	}
	like, ok := probeFresh(tmp)
	if !ok || !namesExact(tmp) {
		return nil
	}
	if !sameOwner(fi, like) { // its permissions are set at Begin
		return nil
	}
	// Renaming claims it: a build beside this one finds no spare. The
	// empty tmp gives way first (os.Rename does not replace a folder);
	// its name carries this process's id, which no other build uses.
	if err := os.Remove(tmp); err != nil {
		return nil
	}
	if err := os.Rename(from, tmp); err != nil {
		os.Mkdir(tmp, 0o700) // back to an empty folder; a failure shows at Begin's next step
		return nil
	}
	sp := &spare{done: make(chan struct{}), files: map[string]bool{}, dirs: map[string]bool{".": true}, like: like}
	// Listed while the site loads: the first write waits for it.
	go func() {
		defer close(sp.done)
		sp.plain = listPlain(tmp, ".", sp.files, sp.dirs, like)
	}()
	return sp
}

// wait waits for the listing of a claimed spare at tmp and reports
// whether the build may write into it. A spare holding anything but plain
// folders and files is not what a build leaves: it is emptied (nothing
// in it is followed) but for the marker Begin wrote, and the build writes
// into the empty folder. What cannot be removed is an error: it would be
// published with the new output.
func (sp *spare) wait(tmp string) (bool, error) {
	<-sp.done
	if sp.plain {
		return true, nil
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if e.Name() == Marker {
			continue // Begin's: a build is under way (see removeStale)
		}
		if err := os.RemoveAll(filepath.Join(tmp, e.Name())); err != nil {
			return false, fmt.Errorf("empty the previous output kept to be written over: %w", err)
		}
	}
	return false, nil
}

// listPlain adds the files and folders under rel in root to files and
// dirs, and reports false if it finds anything but plain folders and
// files (a symbolic link, a device…), or a folder that is not like a new
// one (see fresh). Files with more than one name, or unlike a new one,
// are found when they are written over (see writeBytes).
func listPlain(root, rel string, files, dirs map[string]bool, like fresh) bool {
	entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	for _, e := range entries {
		p := path.Join(rel, e.Name())
		switch {
		case e.IsDir():
			fi, err := e.Info()
			if err != nil || !likeFresh(fi, like) {
				return false
			}
			dirs[p] = true
			if !listPlain(root, p, files, dirs, like) {
				return false
			}
		case e.Type().IsRegular():
			files[p] = true
		default:
			return false
		}
	}
	return true
}

// removeUnwritten removes from a reused spare at tmp every file that the
// build did not write and every folder that holds none it wrote.
func removeUnwritten(tmp string, files, dirs, written map[string]bool) error {
	used := map[string]bool{}
	for p := range written {
		for d := path.Dir(p); !used[d]; d = path.Dir(d) {
			used[d] = true
			if d == "." {
				break
			}
		}
	}
	for p := range files {
		if !written[p] && used[path.Dir(p)] {
			if err := os.Remove(filepath.Join(tmp, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	// The topmost unused folders, each removed whole.
	var gone []string
	for d := range dirs {
		if !used[d] && used[path.Dir(d)] {
			gone = append(gone, d)
		}
	}
	slices.Sort(gone)
	for _, d := range gone {
		if err := os.RemoveAll(filepath.Join(tmp, filepath.FromSlash(d))); err != nil {
			return err
		}
	}
	return nil
}

// gitignore is the .gitignore in .folio-spare.
const gitignore = "# folio keeps the previous output here for the next build to write over;\n# it is safe to delete. Nothing here belongs in git.\n*\n"

// keepAsSpare moves old, the output a build has just replaced, to dest's
// spare, or removes it when it cannot be one: it is not folio's output of
// this version (or not a folder but a link), or a spare is already there.
func keepAsSpare(old, dest string) error {
	if fi, err := os.Lstat(old); err != nil || !fi.IsDir() {
		return removeTree(old) // a destination that was a link: the link itself
	}
	if m, err := readMarker(filepath.Join(old, Marker)); reuseSpares && err == nil && !m.legacy && m.building == "" {
		spare := sparePath(dest)
		// Readable by this user only: the previous output, withdrawn
		// pages included, is not for others (nor for a web server
		// serving the destination's parent).
		err := os.Mkdir(filepath.Dir(spare), 0o700)
		if err == nil {
			// git never sees the spare (nor this file), even where the
			// site's .gitignore predates it: a commit of everything would
			// otherwise take in the previous output, withdrawn pages too.
			// Without it, no spare is kept (and the folder just made goes).
			if err = writeBytes(filepath.Join(filepath.Dir(spare), ".gitignore"), []byte(gitignore), nil); err != nil {
				os.Remove(filepath.Dir(spare))
			}
		}
		// The spare itself too, whoever made .folio-spare; and it goes
		// there private, so it is never readable by others once claimed
		// (Begin keeps the temporary folder private until the commit).
		if (err == nil || errors.Is(err, fs.ErrExist)) && spareHome(dest) && os.Chmod(old, 0o700) == nil {
			if err := os.Rename(old, spare); err == nil {
				return nil
			}
		}
	}
	return removeTree(old)
}
