// Command folio builds school-district improvement portfolios — markdown
// narratives and CSV/YAML evidence — into a static website.
//
// Run `folio help` for the commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
