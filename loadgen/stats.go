package loadgen

import (
	"fmt"
	"io"
	"slices"
	"sync"
	"time"
)

// recorder collects each request's latency and outcome by operation.
type recorder struct {
	mu   sync.Mutex
	lat  map[Op][]time.Duration
	errs map[Op]int
	last map[Op]string // the last error of each operation, for the report
}

func newRecorder() *recorder {
	return &recorder{lat: map[Op][]time.Duration{}, errs: map[Op]int{}, last: map[Op]string{}}
}

func (r *recorder) add(op Op, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lat[op] = append(r.lat[op], d)
	if err != nil {
		r.errs[op]++
		r.last[op] = err.Error()
	}
}

// OpStats is one operation's figures.
type OpStats struct {
	Op                 Op
	Count, Errors      int
	Rate               float64 // completed requests a second
	P50, P90, P99, Max time.Duration
	LastError          string
}

// Report is a run's figures.
type Report struct {
	Name     string
	Elapsed  time.Duration
	Total    int
	Errors   int
	Rate     float64 // completed requests a second, all operations
	Ops      []OpStats
	Offered  float64 // the open loop's arrival rate; 0 in a closed loop
	Dropped  int     // arrivals not sent because too many were in flight
	Sessions int
	CPU      CPU // by whom, over the timed part (load's Config.MetricsURL, Procs)
}

func (r *recorder) report(name string, elapsed time.Duration) Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := Report{Name: name, Elapsed: elapsed}
	ops := make([]Op, 0, len(r.lat))
	for op := range r.lat {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	for _, op := range ops {
		l := r.lat[op]
		slices.Sort(l)
		s := OpStats{Op: op, Count: len(l), Errors: r.errs[op], LastError: r.last[op],
			Rate: float64(len(l)) / elapsed.Seconds(),
			P50:  quantile(l, 0.50), P90: quantile(l, 0.90), P99: quantile(l, 0.99), Max: l[len(l)-1]}
		rep.Ops = append(rep.Ops, s)
		rep.Total += s.Count
		rep.Errors += s.Errors
	}
	rep.Rate = float64(rep.Total) / elapsed.Seconds()
	return rep
}

// quantile is the nearest-rank quantile of sorted latencies.
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// Op returns the figures of one operation (zero when it never ran).
func (r Report) Op(op Op) OpStats {
	for _, s := range r.Ops {
		if s.Op == op {
			return s
		}
	}
	return OpStats{Op: op}
}

// Print writes the report as a table.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%s: %d requests in %.1fs = %.1f req/s, %d errors", r.Name, r.Total, r.Elapsed.Seconds(), r.Rate, r.Errors)
	if r.Offered > 0 {
		fmt.Fprintf(w, " (open loop, offered %.0f req/s, %d dropped)", r.Offered, r.Dropped)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  %-8s %8s %9s %7s %9s %9s %9s %9s\n", "op", "count", "req/s", "errors", "p50", "p90", "p99", "max")
	for _, s := range r.Ops {
		fmt.Fprintf(w, "  %-8s %8d %9.1f %7d %9s %9s %9s %9s\n", s.Op, s.Count, s.Rate, s.Errors,
			ms(s.P50), ms(s.P90), ms(s.P99), ms(s.Max))
	}
	if r.Total > 0 && r.CPU.Cores > 0 {
		r.CPU.Print(w, r.Total)
	}
	for _, s := range r.Ops {
		if s.LastError != "" {
			fmt.Fprintf(w, "  last %s error: %s\n", s.Op, s.LastError)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }
