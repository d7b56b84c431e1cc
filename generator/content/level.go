package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// level reads a school's level (see Level), reporting an unknown one at
// its line. It returns the level's id, or "" when blank or unknown.
func (l *loader) level(ref generator.Ref) string {
	id, hint := Level(ref.ID, l.cfg.Levels)
	if hint != "" {
		l.ds.Errorf(ref.Pos, hint, "level '%s' is not a school level", strings.TrimSpace(ref.ID))
	}
	return id
}

// Level reads a school's level v: elementary, middle, high, or one of the
// site's levels (folio.yaml levels:), in any case. It returns the level's
// id, or "" and a hint naming the closest level when v is none of them.
// A blank v is no level and no error.
func Level(v string, site []generator.Label) (id, hint string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", ""
	}
	known := slices.Concat(generator.BuiltinLevels, site)
	ids := make([]string, len(known))
	for i, lv := range known {
		ids[i] = lv.ID
	}
	if id := strings.ToLower(v); slices.Contains(ids, id) {
		return id, ""
	}
	allowed := fmt.Sprintf("a level is %s, or one declared under levels: in folio.yaml", orList(ids))
	if s := suggestLevel(v, known); s != "" {
		return "", fmt.Sprintf("did you mean '%s'? (%s)", s, allowed)
	}
	return "", allowed
}

// suggestLevel finds the level an author probably meant: "Middle School"
// → middle, "High schools" (a label) → high, "elemntary" → elementary.
func suggestLevel(v string, known []generator.Label) string {
	for _, lv := range known {
		if strings.EqualFold(v, lv.Label) {
			return lv.ID
		}
	}
	s := generator.Slugify(v)
	for _, suffix := range []string{"-schools", "-school"} {
		s = strings.TrimSuffix(s, suffix)
	}
	ids := make([]string, len(known))
	for i, lv := range known {
		if lv.ID == s {
			return s
		}
		ids[i] = lv.ID
	}
	return generator.Closest(s, ids)
}

// orList writes "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
