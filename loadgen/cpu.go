package loadgen

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// CPU is the CPU time a run cost, by whom, measured over the timed part
// of the run (logins excluded). On a machine whose few cores the load
// generator, the server and the database share, a run's rate is bounded
// by the sum of what one request costs them all: Ceiling.
type CPU struct {
	// Loadgen is this process's CPU (getrusage), without the process
	// sampler's own thread. With InProcess the server is in this process
	// too (the baseline's bare page) and Loadgen is both.
	Loadgen   time.Duration
	InProcess bool
	// Server is the server's CPU: its process_cpu_seconds_total (10 ms
	// resolution) scraped from its metrics before and after the run.
	// ServerErr says why it is unknown when it is ("" and Server 0: not
	// asked).
	Server    time.Duration
	ServerOK  bool
	ServerErr string
	// Procs is the CPU of the local processes whose command line matches
	// ProcsPattern (e.g. PostgreSQL's backends), from /proc, sampled every
	// procPoll: processes that were there at the start count from then,
	// those that started during the run count whole. ProcsExited of the
	// ProcsSeen processes ended during the run, and their CPU after their
	// last sample is missing: Procs is then a lower bound.
	Procs        time.Duration
	ProcsPattern string
	ProcsSeen    int
	ProcsExited  int
	ProcsErr     string
	// Sampler is the process sampler's own CPU (its thread), not in
	// Loadgen: the instrument's cost, not the load's.
	Sampler time.Duration
	// Machine is the busy time of every CPU of the machine (/proc/stat:
	// all time but idle and iowait), whoever used it: the others' work on
	// a shared machine shows as Machine beyond the sum.
	Machine   time.Duration
	MachineOK bool
	Cores     int
}

// PerRequest is d divided over n requests.
func PerRequest(d time.Duration, n int) time.Duration {
	if n <= 0 {
		return 0
	}
	return d / time.Duration(n)
}

// Sum is the CPU of the parties measured: the load generator, the server
// (when known) and the matched processes.
func (c CPU) Sum() time.Duration {
	return c.Loadgen + c.Server + c.Procs
}

// Ceiling is the rate of requests the measured parties' CPU allows at most
// on c.Cores cores: cores ÷ (their CPU per request). 0 when nothing was
// measured.
func Ceiling(cores int, perRequest time.Duration) float64 {
	if perRequest <= 0 {
		return 0
	}
	return float64(cores) * float64(time.Second) / float64(perRequest)
}

// meter measures a run's CPU: started before the timed part, stopped after.
type meter struct {
	metricsURL string // comma-separated: several servers, summed
	self0      time.Duration
	selfOK     bool
	server0    float64
	machine0   time.Duration
	procs      *procSampler
	cpu        CPU
}

// startMeter takes the first readings. metricsURL is the server's metrics
// ("": not measured; comma-separated: several servers, summed); pattern matches the command lines of the other
// processes to count ("" for none); inProcess says the server is this
// process.
func startMeter(ctx context.Context, metricsURL, pattern string, inProcess bool) *meter {
	m := &meter{metricsURL: metricsURL}
	m.cpu.Cores = runtime.NumCPU()
	m.cpu.InProcess = inProcess
	if metricsURL != "" {
		var err error
		if m.server0, err = scrapeCPU(ctx, metricsURL); err != nil {
			m.cpu.ServerErr = err.Error()
		}
	}
	if pattern != "" {
		m.cpu.ProcsPattern = pattern
		re, err := regexp.Compile(pattern)
		if err == nil {
			m.procs, err = startProcSampler(re)
		}
		if err != nil {
			m.cpu.ProcsErr = err.Error()
		}
	}
	m.machine0, m.cpu.MachineOK = machineBusy()
	m.self0, m.selfOK = selfCPU()
	return m
}

// stop takes the last readings and returns the run's CPU.
func (m *meter) stop(ctx context.Context) CPU {
	self, ok := selfCPU()
	machine, mok := machineBusy()
	if m.procs != nil {
		r := m.procs.stop()
		m.cpu.Procs, m.cpu.ProcsSeen, m.cpu.ProcsExited, m.cpu.Sampler = r.cpu, r.seen, r.exited, r.self
	}
	if ok && m.selfOK {
		m.cpu.Loadgen = max(0, self-m.self0-m.cpu.Sampler)
	}
	m.cpu.MachineOK = m.cpu.MachineOK && mok
	if m.cpu.MachineOK {
		m.cpu.Machine = machine - m.machine0
	}
	if m.metricsURL != "" && m.cpu.ServerErr == "" {
		s, err := scrapeCPU(ctx, m.metricsURL)
		if err != nil {
			m.cpu.ServerErr = err.Error()
		} else {
			m.cpu.Server, m.cpu.ServerOK = time.Duration((s-m.server0)*float64(time.Second)), true
		}
	}
	return m.cpu
}

// scrapeCPU reads process_cpu_seconds_total from the Prometheus metrics at
// urls (comma-separated), summed.
func scrapeCPU(ctx context.Context, urls string) (float64, error) {
	var sum float64
	for _, url := range strings.Split(urls, ",") {
		s, err := scrapeOne(ctx, url)
		if err != nil {
			return 0, err
		}
		sum += s
	}
	return sum, nil
}

// scrapeOne reads process_cpu_seconds_total from the metrics at url.
func scrapeOne(ctx context.Context, url string) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("metrics %s: %s", url, resp.Status)
	}
	return parseCPU(resp.Body)
}

// parseCPU finds process_cpu_seconds_total in Prometheus's text format.
func parseCPU(r io.Reader) (float64, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), "process_cpu_seconds_total ")
		if ok {
			return strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("no process_cpu_seconds_total there (is /metrics on the server's -metrics-addr? pass -metrics)")
}

// clockTick is Linux's USER_HZ, the unit of /proc's CPU times (100 on
// every platform Linux supports that matters here; Go reads no sysconf
// without cgo).
const clockTick = 10 * time.Millisecond

// machineBusy reads the machine's busy CPU time from /proc/stat.
func machineBusy() (time.Duration, bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 6 || f[0] != "cpu" {
		return 0, false
	}
	var busy int64
	for i, s := range f[1:] {
		if i >= 8 { // guest and guest_nice are in user and nice already
			break
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, false
		}
		if i != 3 && i != 4 { // idle, iowait
			busy += n
		}
	}
	return time.Duration(busy) * clockTick, true
}

// Print writes the CPU per request of a run of n requests, and the ceiling
// its sum implies.
func (c CPU) Print(w io.Writer, n int) {
	us := func(d time.Duration) string {
		return strconv.FormatFloat(float64(PerRequest(d, n))/float64(time.Microsecond), 'f', 0, 64)
	}
	var parts []string
	if c.InProcess {
		parts = append(parts, "load generator + server (one process) "+us(c.Loadgen))
	} else {
		parts = append(parts, "load generator "+us(c.Loadgen))
	}
	switch {
	case c.ServerOK:
		parts = append(parts, "server "+us(c.Server))
	case c.ServerErr != "":
		parts = append(parts, "server unknown ("+c.ServerErr+")")
	}
	lower := ""
	switch {
	case c.ProcsErr != "":
		parts = append(parts, fmt.Sprintf("processes %q unknown (%s)", c.ProcsPattern, c.ProcsErr))
	case c.ProcsPattern != "":
		if c.ProcsExited > 0 {
			lower = "≥ "
		}
		parts = append(parts, fmt.Sprintf("processes %q %s%s (%d seen, %d exited)", c.ProcsPattern, lower, us(c.Procs), c.ProcsSeen, c.ProcsExited))
	}
	sum := PerRequest(c.Sum(), n)
	fmt.Fprintf(w, "  CPU µs/request: %s; sum %s%s → at most %.0f req/s on %d cores\n",
		strings.Join(parts, ", "), lower, us(c.Sum()), Ceiling(c.Cores, sum), c.Cores)
	if c.MachineOK {
		fmt.Fprintf(w, "  machine busy %s µs/request (every process: beyond the sum, other work on the machine)", us(c.Machine))
		if c.Sampler > 0 {
			fmt.Fprintf(w, "; the process sampler's own %s µs/request is not the load generator's", us(c.Sampler))
		}
		fmt.Fprintln(w)
	}
}
