package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"shebao"
	"shebao/app"
	"shebao/billing"
	"shebao/i18n"
)

// runBill assesses a period for the whole district (核定) and, with -close,
// freezes it:
//
//	shebao bill -db URL -period 2026-06 [-close] [-today 2026-07-08]
func runBill(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bill", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL: sqlite:PATH or postgres://… (env SHEBAO_DB)")
	period := fs.String("period", "", "the period to assess, e.g. 2026-06 (required)")
	closeIt := fs.Bool("close", false, "after assessing, close the period: its assessment is frozen")
	today := fs.String("today", os.Getenv("SHEBAO_TODAY"), "pretend the office's date is this day (env SHEBAO_TODAY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, p, err := openForPeriod(ctx, "bill", *dbURL, *period, *today, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	s := a.Services.Billing
	fmt.Fprintf(stderr, "assessing %s …\n", p)
	run, err := s.Assess(ctx, p, progressPrinter(stderr))
	if err != nil {
		return billError(err)
	}
	printRun(stdout, run)
	if *closeIt {
		if run, err = s.Close(ctx, p); err != nil {
			return billError(err)
		}
		fmt.Fprintf(stdout, "period %s closed: its assessment is frozen\n", p)
	}
	return nil
}

// progressPrinter prints the run's progress on w at every 10%.
func progressPrinter(w io.Writer) billing.Progress {
	last := -1
	return func(done, total, lines int) {
		pct := 100
		if total > 0 {
			pct = min(done*100/total, 100)
		}
		if step := pct / 10; step > last {
			last = step
			fmt.Fprintf(w, "  %3d%%  %d of %d units, %d lines\n", step*10, done, total, lines)
		}
	}
}

func printRun(w io.Writer, run shebao.AssessmentRun) {
	fmt.Fprintf(w, "period %s assessed (policy version %d): %d units, %d persons, %d lines\n",
		run.Period, run.PolicyVersion, run.Units, run.Persons, run.Lines)
	fmt.Fprintf(w, "  employer %s  employee %s  total %s\n", run.Employer, run.Employee, run.Employer+run.Employee)
}

// billError turns a refusal into its English message for the terminal.
func billError(err error) error {
	if c := shebao.ErrorCode(err); c == shebao.EINVALID || c == shebao.EREFUSED {
		return fmt.Errorf("bill: %s", i18n.Error(i18n.EN, err))
	}
	return err
}

// openForPeriod opens the system for a command that works on one period
// (bill, collect): -db is required, -period must be a period, -today may
// pretend another day; the office's due day comes from the environment as
// for serve.
func openForPeriod(ctx context.Context, cmd, dbURL, period, today string, stderr io.Writer) (*app.App, shebao.Period, error) {
	if dbURL == "" {
		return nil, 0, fmt.Errorf("%s: -db (or SHEBAO_DB) is required", cmd)
	}
	p, err := billing.ParsePeriod(period, "period")
	if err != nil {
		return nil, 0, fmt.Errorf("%s: -period %q: %s", cmd, period, i18n.Error(i18n.EN, err))
	}
	clock, err := (&serveFlags{today: today}).clock()
	if err != nil {
		return nil, 0, err
	}
	a, err := app.Open(ctx, app.Config{DB: dbURL, Clock: clock, Log: slog.New(slog.NewTextHandler(stderr, nil)),
		CollectionDueDay: dueDay()})
	return a, p, err
}
