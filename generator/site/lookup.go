package site

import (
	"strings"

	"github.com/folio-sites/folio/generator"
)

// StandardByCite returns the entry cited as cite ("ISSL 1a"), or nil.
func (s *Site) StandardByCite(cite string) *StandardEntry {
	cite = strings.Join(strings.Fields(cite), " ")
	for _, e := range s.Standards {
		if strings.EqualFold(e.Cite, cite) {
			return e
		}
	}
	return nil
}

// PracticeRef is a practice with the component it belongs to.
type PracticeRef struct {
	Component *generator.Component
	Practice  *generator.Practice
}

// PracticeByID returns the practice with the given id, or a zero
// PracticeRef when there is none.
func (s *Site) PracticeByID(id string) PracticeRef {
	fw := s.Evidence.Framework
	if fw == nil {
		return PracticeRef{}
	}
	for i := range fw.Components {
		c := &fw.Components[i]
		for j := range c.Practices {
			if c.Practices[j].ID == strings.TrimSpace(id) {
				return PracticeRef{Component: c, Practice: &c.Practices[j]}
			}
		}
	}
	return PracticeRef{}
}

// School returns the school with the given id, or nil.
func (s *Site) School(id string) *generator.School {
	if s.schools == nil {
		return nil
	}
	return s.schools[id]
}

// PageAt returns the site's page at url ("/changes/"), or nil where the
// site has none: a layout links the pages that exist only with some
// evidence (/goals/, /changes/) through it.
func (s *Site) PageAt(url string) *Page {
	return s.byURL[url]
}
