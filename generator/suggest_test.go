package generator_test

import (
	"testing"

	"github.com/folio-sites/folio/generator"
)

// TestSlugify: the slug suggested for a name keeps its Latin letters
// without their accents, so that a hint for "École Élémentaire" is one an
// author would write.
func TestSlugify(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Lincoln Middle", "lincoln-middle"},
		{"  K-8 School  ", "k-8-school"},
		{"École Élémentaire", "ecole-elementaire"},
		{"Escuela Peña Niño", "escuela-pena-nino"},
		{"Straße Øst Æble", "strasse-ost-aeble"},
		{"Łódź", "lodz"},
		{"Lincoln_Middle (2024)", "lincoln-middle-2024"},
		{"学校", ""},
		{"Ecole 学校 Nord", "ecole-nord"},
	}
	for _, tt := range tests {
		if got := generator.Slugify(tt.name); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
