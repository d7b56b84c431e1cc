package evidence

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// Names in CSV files. A spreadsheet holds what people read: a school's
// name (Maple Grove Middle School), a subject's label (Mathematics), a
// status as the site prints it (Fully in place). A cell that matches,
// ignoring case and surrounding spaces, exactly one id, name or label of
// its column is read as that id; one that matches two is an error naming
// both.

// fold is the form names are compared in.
func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// withNames returns s that also reads each label's name (and each id in
// any case) as its id.
func (s idSet) withNames(names []generator.Label) idSet {
	s.names = map[string][]string{}
	add := func(key, id string) {
		if key == "" {
			return
		}
		for _, have := range s.names[key] {
			if have == id {
				return
			}
		}
		s.names[key] = append(s.names[key], id)
	}
	for _, id := range s.ids {
		add(fold(id), id)
	}
	for _, n := range names {
		add(fold(n.Label), n.ID)
	}
	s.nameKeys = s.nameKeys[:0:0]
	for _, key := range slices.Sorted(maps.Keys(s.names)) {
		if len(s.names[key]) == 1 {
			s.nameKeys = append(s.nameKeys, key)
		}
	}
	return s
}

// byName resolves *v through the names of s, reporting an ambiguous name.
// It reports whether *v is now an id of s; it returns false, with nothing
// reported, when no name matches.
func (s idSet) byName(v *string, pos generator.Pos, ds *generator.Diagnostics) (matched, ok bool) {
	ids := s.names[fold(*v)]
	switch len(ids) {
	case 0:
		return false, false
	case 1:
		*v = ids[0]
		return true, true
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = "'" + id + "'"
	}
	list := strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
	if len(ids) == 2 {
		list = "both " + list
	}
	ds.Errorf(pos, "write the id of the one you mean", "%s '%s' matches %s", s.kind, *v, list)
	return true, false
}

// schoolNames are the names of the schools known, with the district's.
func schoolNames(known Known) []generator.Label {
	var out []generator.Label
	for _, id := range slices.Sorted(maps.Keys(known.SchoolNames)) {
		out = append(out, generator.Label{ID: id, Label: known.SchoolNames[id]})
	}
	return out
}

// statusSet is the statuses an installation row may hold: the scale's and
// not-applicable, by id or label.
func statusSet(scale []generator.Status) idSet {
	s := idSet{kind: "status"}
	var labels []generator.Label
	for _, st := range scale {
		s.ids = append(s.ids, st.ID)
		labels = append(labels, generator.Label{ID: st.ID, Label: st.Label})
	}
	s.ids = append(s.ids, generator.NotApplicable)
	labels = append(labels, generator.Label{ID: generator.NotApplicable, Label: "Not applicable"})
	s.where = "allowed: " + strings.Join(s.ids, ", ")
	return s.indexed().withNames(labels)
}

// statusPhrase writes a status id as words for a sentence: "in place".
func statusPhrase(id string) string { return strings.ReplaceAll(id, "-", " ") }

// orPhrase writes statuses as "in place or sustained".
func orPhrase(ids []string) string {
	words := make([]string, len(ids))
	for i, id := range ids {
		words[i] = statusPhrase(id)
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// nameHint returns "did you mean 'id'?" where v is a name of the set
// shortened or lengthened ("Maple Grove Middle" for "Maple Grove Middle
// School"), or a typo of one, and that points at one id only; else "".
func (s idSet) nameHint(v string) string {
	f := fold(v)
	if len(f) < 4 {
		return ""
	}
	near := generator.NewNearWord(f)
	found := ""
	for _, key := range s.nameKeys {
		id := s.names[key][0]
		if id == found {
			continue
		}
		if strings.HasPrefix(key, f+" ") || strings.HasPrefix(f, key+" ") || near.Near(key) {
			if found != "" {
				return "" // it could be either
			}
			found = id
		}
	}
	if found == "" {
		return ""
	}
	return fmt.Sprintf("did you mean '%s'?", found)
}
