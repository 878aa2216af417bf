package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"shebao"
	"shebao/loadgen"
	"shebao/sqldb"
)

// runLoad loads a running shebao over its JSON API (package loadgen):
//
//	shebao load -url http://127.0.0.1:8080 -c 100 -d 30s [-mix preview=50,…] [-rate 200]
//	            [-baseline] [-raw-db sqlite:/tmp/raw.db] [-repeat 3]
//	            [-metrics http://127.0.0.1:9090/metrics] [-procs postgres]
//	shebao load -fill 100000 -db sqlite:shebao-data/shebao.db [-users demo-a,demo-b]
//	shebao load -url http://127.0.0.1:8081,http://127.0.0.1:8082 -race 40 -d 20s [-racers 3] [-clerk clerk]
//
// With -baseline each run is paired with the same load on a bare net/http +
// html/template page served in this process, run just before it; with
// -raw-db, with raw durable single-row inserts on that scratch database.
// Each pair prints its ratio, and each run its CPU per request by whom:
// the load generator, the server (its process_cpu_seconds_total, -metrics)
// and, with -procs, other local processes such as PostgreSQL's backends
// (loadgen.CPU; docs/PERFORMANCE.md). With -fill N it adds N items to the units of
// -users in the database -db instead (loadgen.Fill), to measure the load
// again on a longer history. With -race P it races approved stops and
// resumptions of P persons of the units of -users, by their operators and
// -clerk, over the instances of -url (loadgen.Race), and fails unless each
// race had exactly one approval and every answer was an approval or a
// refusal: a check as well as a measure.
func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "http://127.0.0.1:8080", "the shebao server to load, or several instances comma-separated (requests spread over them)")
	c := fs.Int("c", 100, "closed loop: virtual operators; open loop: sessions the arrivals are spread over")
	d := fs.Duration("d", 30*time.Second, "duration of each run (logins excluded)")
	rate := fs.Float64("rate", 0, "open loop: arrivals a second (0: closed loop)")
	mix := fs.String("mix", loadgen.DefaultMix, "operations and their weights")
	users := fs.String("users", "demo-a,demo-b", "operators to log in as, spread over the sessions")
	password := fs.String("password", "Shebao2026", "their password")
	baseline := fs.Bool("baseline", false, "pair each run with the bare template page (in-process) under the same load")
	rawDB := fs.String("raw-db", "", "pair each run with raw durable single-row inserts on this scratch database")
	repeat := fs.Int("repeat", 1, "how many pairs to run")
	fill := fs.Int("fill", 0, "add this many items to the units of -users in -db (the load's refused enrollments, through the engine), then stop")
	db := fs.String("db", "", "with -fill: the server's database, sqlite:PATH or postgres://…")
	metricsURL := fs.String("metrics", "", "the server's Prometheus metrics, for its CPU per request (default: -url's /metrics, where serve puts it without -metrics-addr; \"off\": not measured)")
	procs := fs.String("procs", "", "also count the CPU of the local processes whose command line matches this pattern, e.g. 'postgres' or 'postgres: postgres DBNAME' (Linux /proc)")
	race := fs.Int("race", 0, "race approved stops and resumptions of this many persons of the units of -users (see -racers, -clerk) instead of the mix")
	racers := fs.Int("racers", 3, "with -race: requests sent at once in each race, by the unit's operator and the clerk in turn")
	clerk := fs.String("clerk", "clerk", "with -race: the counter clerk, who acts for each person's unit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *fill > 0 {
		return fillItems(ctx, *db, strings.Split(*users, ","), *fill, stdout)
	}
	if *race > 0 {
		return raceLoad(ctx, loadgen.RaceConfig{URLs: strings.Split(*url, ","), Persons: *race, Racers: *racers,
			Duration: *d, Users: strings.Split(*users, ","), Clerk: *clerk, Password: *password,
			Procs: *procs, MetricsURL: metricsOf(*url, *metricsURL)}, stdout)
	}
	m, err := loadgen.ParseMix(*mix)
	if err != nil {
		return err
	}
	cfg := loadgen.Config{URL: *url, C: *c, Duration: *d, Rate: *rate, Mix: m,
		Users: strings.Split(*users, ","), Password: *password, Procs: *procs,
		MetricsURL: metricsOf(*url, *metricsURL)}
	for i := 0; i < max(*repeat, 1); i++ {
		if err := loadPair(ctx, cfg, *baseline, *rawDB, stdout); err != nil {
			return err
		}
	}
	return nil
}

// metricsOf is the metrics URL of -metrics: flag itself, none for "off",
// and by default the /metrics of each of -url's instances (comma-separated:
// their CPU is summed).
func metricsOf(url, flag string) string {
	switch flag {
	case "off":
		return ""
	case "":
		var ms []string
		for _, u := range strings.Split(url, ",") {
			ms = append(ms, strings.TrimRight(strings.TrimSpace(u), "/")+"/metrics")
		}
		return strings.Join(ms, ",")
	}
	return flag
}

// raceLoad runs loadgen.Race and prints its figures; it fails when a race
// had other than one approval or an answer was neither an approval nor a
// refusal.
func raceLoad(ctx context.Context, cfg loadgen.RaceConfig, w io.Writer) error {
	rep, err := loadgen.Race(ctx, cfg)
	if rep.Total > 0 {
		rep.Print(w)
	}
	if err != nil {
		return err
	}
	if rep.Uneven > 0 || rep.Errors > 0 {
		return fmt.Errorf("load: %d races without exactly one approval, %d answers neither an approval nor a refusal", rep.Uneven, rep.Errors)
	}
	return nil
}

// loadPair runs the baseline(s), then shebao, and prints the ratios.
func loadPair(ctx context.Context, cfg loadgen.Config, baseline bool, rawDB string, w io.Writer) error {
	var base, raw loadgen.Report
	if baseline {
		url, err := loadgen.ServeBaseline(ctx, "127.0.0.1:0")
		if err != nil {
			return err
		}
		if base, err = loadgen.RunBaseline(ctx, cfg, url); err != nil {
			return err
		}
		base.Print(w)
	}
	if rawDB != "" {
		db, err := sqldb.Open(ctx, rawDB)
		if err != nil {
			return err
		}
		raw, err = loadgen.RunRawInserts(ctx, cfg, db)
		db.Close()
		if err != nil {
			return err
		}
		raw.Print(w)
	}
	rep, err := loadgen.Run(ctx, cfg)
	if err != nil {
		return err
	}
	rep.Print(w)
	if baseline {
		fmt.Fprintf(w, "ratio: shebao %.1f req/s / baseline page %.1f req/s = %s\n", rep.Rate, base.Rate, loadgen.Ratio(rep.Rate, base.Rate))
	}
	if rawDB != "" {
		s := rep.Op(loadgen.OpSubmit)
		fmt.Fprintf(w, "ratio: submissions %.1f/s / raw durable inserts %.1f/s = %s\n", s.Rate, raw.Rate, loadgen.Ratio(s.Rate, raw.Rate))
	}
	fmt.Fprintln(w)
	return nil
}

// fillItems adds n items to the operators' units in the database at url.
func fillItems(ctx context.Context, url string, users []string, n int, w io.Writer) error {
	if url == "" {
		return fmt.Errorf("load: -fill needs -db")
	}
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := loadgen.Fill(ctx, db, shebao.SystemClock{}, users, n, w); err != nil {
		return err
	}
	fmt.Fprintf(w, "added %d items in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}
