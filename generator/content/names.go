package content

import (
	"path"
	"regexp"
	"strings"
)

// slugRE is the form of school ids and narrative slugs: they become URLs.
var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func isSlug(s string) bool { return slugRE.MatchString(s) }

// isJunk reports whether a file or folder name is hidden or left behind by
// an editor or office program; such names are skipped everywhere.
func isJunk(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."): // .git, .DS_Store, .x.swp, .#x
		return true
	case strings.HasSuffix(name, "~"): // emacs and gedit backups
		return true
	case strings.HasPrefix(name, "~$"): // Word and Excel lock files
		return true
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs autosave
		return true
	case strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".swx"): // vim
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"): // JetBrains
		return true
	case lower == "thumbs.db", lower == "desktop.ini": // Windows
		return true
	}
	return false
}

// isMarkdown reports whether a file is a page. Only ".md" counts.
func isMarkdown(name string) bool { return path.Ext(name) == ".md" }
