// Package evidence loads and validates the data/ folder: the standards
// catalogs (standards.yaml), the leadership framework (framework.yaml) and
// the evidence recorded against them. Every problem is reported with its
// file and line; loading goes on after errors so that one run lists them all.
package evidence
