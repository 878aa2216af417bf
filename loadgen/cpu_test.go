package loadgen

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"shebao/metrics"
)

// A run reports the server's CPU per request from its metrics: a server
// whose process_cpu_seconds_total goes up by exactly 250 µs a page
// reports 250 µs a request (up to the requests cut short at the end, served
// but not counted), next to the load generator's own.
func TestRunReportsServerCPUPerRequest(t *testing.T) {
	const each = 250 * time.Microsecond
	var spent atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total %g\n", time.Duration(spent.Load()).Seconds())
	})
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		spent.Add(int64(each))
		_, _ = w.Write([]byte("ok"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	const c = 2
	cfg := Config{C: c, Duration: 300 * time.Millisecond, MetricsURL: srv.URL + "/metrics",
		Mix: Mix{ops: []Op{OpPage}, weights: []int{1}, total: 1}}
	clients := []*client{{hc: httpClient(c), base: srv.URL}, {hc: httpClient(c), base: srv.URL}}
	rep, err := load(context.Background(), cfg, clients, "t")
	if err != nil {
		t.Fatal(err)
	}
	cpu := rep.CPU
	if !cpu.ServerOK || cpu.InProcess {
		t.Fatalf("server CPU not measured: %+v", cpu)
	}
	per := PerRequest(cpu.Server, rep.Total)
	if hi := PerRequest(each*time.Duration(rep.Total+c), rep.Total); per < each || per > hi {
		t.Errorf("server CPU %v over %d requests = %v a request, want %v to %v", cpu.Server, rep.Total, per, each, hi)
	}
	if cpu.Loadgen <= 0 || cpu.Cores < 1 {
		t.Errorf("load generator's CPU %v on %d cores", cpu.Loadgen, cpu.Cores)
	}
	var out strings.Builder
	rep.Print(&out)
	want := fmt.Sprintf("server %.0f;", float64(per)/float64(time.Microsecond))
	if !strings.Contains(out.String(), "CPU µs/request: load generator ") || !strings.Contains(out.String(), want) {
		t.Errorf("report without the CPU line %q:\n%s", want, out.String())
	}
}

// The server's figure read from shebao's own metrics (package metrics'
// process collector) against a server in this process that burns CPU: it
// is more than nothing, and it is the process's CPU as getrusage counts
// it, up to the metric's 10 ms ticks.
func TestServerCPUFromShebaoMetrics(t *testing.T) {
	m := metrics.New(noSource{}, nil)
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	block := make([]byte, 1<<20)
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		sum := sha256.Sum256(block) // a millisecond or so of CPU, whatever the clock says
		_, _ = w.Write(sum[:])
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	meter := startMeter(ctx, srv.URL+"/metrics", "", true)
	c := &client{hc: httpClient(1), base: srv.URL}
	const n = 100
	for range n {
		if err := c.run(ctx, OpPage); err != nil {
			t.Fatal(err)
		}
	}
	cpu := meter.stop(ctx)
	if !cpu.ServerOK || cpu.Server <= 0 {
		t.Fatalf("after %d requests hashing 1 MiB each: server CPU %v (%s)", n, cpu.Server, cpu.ServerErr)
	}
	if d := cpu.Server - cpu.Loadgen; d > 30*time.Millisecond+cpu.Loadgen/10 || -d > 30*time.Millisecond+cpu.Loadgen/10 {
		t.Errorf("one process: metrics say %v, getrusage %v", cpu.Server, cpu.Loadgen)
	}
}

type noSource struct{}

func (noSource) Stats() sql.DBStats { return sql.DBStats{} }
func (noSource) Retries() int64     { return 0 }
func (noSource) QueueStats(context.Context) (int, time.Time, error) {
	return 0, time.Time{}, nil
}

// The process sampler counts a process that starts during the run whole,
// and one that exits as seen last, saying so (a lower bound).
func TestProcSamplerCountsAnExitedProcess(t *testing.T) {
	token := fmt.Sprintf("loadgen-burn-%d-%d", os.Getpid(), time.Now().UnixNano())
	s, err := startProcSampler(regexp.MustCompile(regexp.QuoteMeta(token)))
	if err != nil {
		t.Skip(err) // no /proc
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBurnHelper$", "--", token)
	cmd.Env = append(os.Environ(), "LOADGEN_BURN=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "burnt") {
		t.Fatalf("helper: %q, %v", line, err)
	}
	s.sample() // it is seen alive, having burnt its CPU
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	r := s.stop()
	if r.seen != 1 || r.exited != 1 {
		t.Errorf("seen %d, exited %d, want 1 and 1", r.seen, r.exited)
	}
	if r.cpu < burn-clockTick {
		t.Errorf("the helper burnt %v of CPU, counted %v", burn, r.cpu)
	}
	cpu := CPU{Procs: r.cpu, ProcsPattern: "x", ProcsSeen: r.seen, ProcsExited: r.exited, Cores: 2}
	var out strings.Builder
	cpu.Print(&out, 1)
	if !strings.Contains(out.String(), `processes "x" ≥ `) {
		t.Errorf("an exited process's CPU is not shown as a lower bound:\n%s", out.String())
	}
}

// burn is how much CPU the helper process spends.
const burn = 200 * time.Millisecond

// TestBurnHelper is the process TestProcSamplerCountsAnExitedProcess
// follows: it spends burn of CPU, says so, and exits when its input ends.
func TestBurnHelper(t *testing.T) {
	if os.Getenv("LOADGEN_BURN") != "1" {
		t.Skip("a helper process")
	}
	block := make([]byte, 64<<10)
	for t0, _ := selfCPU(); ; {
		sha256.Sum256(block)
		if now, _ := selfCPU(); now-t0 >= burn {
			break
		}
	}
	fmt.Println("burnt")
	_, _ = io.Copy(io.Discard, os.Stdin)
}
