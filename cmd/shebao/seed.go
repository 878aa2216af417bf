package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"shebao"
	"shebao/demo"
	"shebao/demo/bulk"
	"shebao/rules"
	"shebao/sqldb"
)

// runSeed builds a district in an empty database through the services, as
// the demo's is built (package demo), at a chosen size, or with -bulk a
// benchmark district written straight into the tables (package demo/bulk):
//
//	shebao seed -db URL -persons 20000 -units 1000 -months 12 [-today 2026-07-08]
//	shebao seed -bulk -db URL -persons 5000000 -units 250000 -months 12 [-today 2026-07-08]
func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "an empty database: sqlite:PATH or postgres://… (env SHEBAO_DB)")
	persons := fs.Int("persons", 20000, "insured persons, about")
	units := fs.Int("units", 1000, "units")
	months := fs.Int("months", 12, "months of history, each period closed once over")
	today := fs.String("today", os.Getenv("SHEBAO_TODAY"), "the office's date at the end of the history (env SHEBAO_TODAY)")
	isBulk := fs.Bool("bulk", false, "write a benchmark district straight into the tables: units, persons, registrations, coverages; no items, accounts or history")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *dbURL == "":
		return fmt.Errorf("seed: -db (or SHEBAO_DB) is required")
	case *units < 3 || *persons < *units || *months < 1:
		return fmt.Errorf("seed: want -units ≥ 3, -persons ≥ -units and -months ≥ 1")
	}
	clock, err := (&serveFlags{today: *today}).clock()
	if err != nil {
		return err
	}
	db, err := sqldb.Open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	if err := mustBeEmpty(ctx, db, ""); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	start := time.Now()
	if *isBulk {
		return seedBulk(ctx, db, clock, *persons, *units, *months, stdout, start)
	}
	fmt.Fprintln(stderr, "planning and building the district…")
	g, err := demo.Build(ctx, db, clock, seedSize(shebao.Today(clock), *persons, *units, *months), 0, seedProgress(stderr, start))
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := db.Analyze(ctx); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	printSeed(stdout, g, time.Since(start))
	return nil
}

// seedSize is the demo's Size for a district of about persons insured in
// units (two of them the demo's tour units), with months of history, and
// every period that has ended by today closed.
func seedSize(today shebao.Date, persons, units, months int) demo.Size {
	closeMonths := months - 1
	if rules.BusinessPeriod(today, rules.DefaultPolicy(today.Year(), 0).CutoffDay) > today.Period() {
		closeMonths = months // from the 16th, this month's period has ended too
	}
	return demo.Size{Units: units - 2, PeoplePerUnit: persons / units, HistoryMonths: months, CloseMonths: closeMonths}
}

// seedProgress prints the history's progress, in units, at every 10%.
func seedProgress(w io.Writer, start time.Time) demo.Progress {
	last := -1
	return func(done, total int) {
		if step := done * 10 / max(total, 1); step > last {
			last = step
			fmt.Fprintf(w, "  %3d%%  %d of %d units, %s\n", step*10, done, total, time.Since(start).Round(time.Second))
		}
	}
}

// printSeed reports the district and its channel mix, first and last month.
func printSeed(w io.Writer, g demo.Guide, took time.Duration) {
	fmt.Fprintf(w, "seeded %d persons in %d units in %s; logins as in `shebao demo` (password %s)\n",
		g.Persons, g.Units, took.Round(time.Second), demo.Password)
	for i, m := range g.Mix {
		if i != 0 && i != len(g.Mix)-1 {
			continue
		}
		n := 0
		for _, c := range m.Items {
			n += c
		}
		fmt.Fprintf(w, "  %s: %d items, self-service %d%%, online %d%%, counter %d%%\n", m.Month, n,
			m.Items[shebao.SelfService]*100/n, m.Items[shebao.Online]*100/n, m.Items[shebao.Counter]*100/n)
	}
}

// seedBulk writes a benchmark district of persons in units, insured from
// months before today's period on, and the policies of those years.
func seedBulk(ctx context.Context, db *sqldb.DB, clock shebao.Clock, persons, units, months int, stdout io.Writer, start time.Time) error {
	today := shebao.Today(clock)
	size := bulk.Size{Persons: persons, PerUnit: (persons + units - 1) / units, First: today.Period().AddMonths(1 - months), Months: months}
	if err := db.InTx(ctx, func(tx shebao.Tx) error { return demo.SavePolicies(ctx, tx, today) }); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := bulk.Load(ctx, db, size); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	fmt.Fprintf(stdout, "bulk-loaded %d persons in %d units, insured from %s on, in %s\n",
		persons, size.Units(), size.First, time.Since(start).Round(time.Second))
	return nil
}
