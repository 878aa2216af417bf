// Command regen writes a generated register for measurements
// (docs/PERFORMANCE.md):
//
//	go run ./register/registertest/regen -dir /tmp/reg -units 1000 -persons 20000 -today 2026-07-08
package main

import (
	"flag"
	"log"
	"os"

	"shebao"
	"shebao/register/registertest"
)

func main() {
	dir := flag.String("dir", "", "the folder to write (created)")
	units := flag.Int("units", 1000, "units")
	persons := flag.Int("persons", 20000, "persons")
	today := flag.String("today", "2026-07-08", "the office's day")
	flag.Parse()
	d, err := shebao.ParseDate(*today)
	if err != nil || *dir == "" {
		log.Fatal("regen: -dir and a valid -today are required")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatal(err)
	}
	if err := registertest.Write(*dir, registertest.Size{Units: *units, Persons: *persons, Today: d}); err != nil {
		log.Fatal(err)
	}
}
