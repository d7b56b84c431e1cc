package site

import "time"

// longDate writes a date of the board's sections as readers in the United
// States do: "June 17, 2024".
func longDate(t time.Time) string { return t.Format("January 2, 2006") }
