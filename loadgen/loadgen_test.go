package loadgen

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestParseMix(t *testing.T) {
	m, err := ParseMix(DefaultMix)
	if err != nil || m.total != 100 || len(m.ops) != 4 {
		t.Fatalf("default mix: %+v, %v", m, err)
	}
	counts := map[Op]int{}
	r := rand.New(rand.NewPCG(1, 1))
	for range 10000 {
		counts[m.pick(r)]++
	}
	if counts[OpPreview] < 4500 || counts[OpPreview] > 5500 || counts[OpBill] < 700 || counts[OpBill] > 1300 {
		t.Errorf("10,000 draws: %v", counts)
	}
	for _, bad := range []string{"", "preview", "preview=x", "nothing=1", "preview=0", "submit=-1"} {
		if _, err := ParseMix(bad); err == nil {
			t.Errorf("ParseMix(%q) accepted", bad)
		}
	}
}

func TestReport(t *testing.T) {
	rec := newRecorder()
	for i := 1; i <= 100; i++ {
		rec.add(OpSubmit, time.Duration(i)*time.Millisecond, nil)
	}
	rec.add(OpItems, time.Second, errTest{})
	rep := rec.report("t", 10*time.Second)
	s := rep.Op(OpSubmit)
	if s.Count != 100 || s.P50 != 50*time.Millisecond || s.P99 != 99*time.Millisecond || s.Max != 100*time.Millisecond || s.Rate != 10 {
		t.Errorf("submit figures: %+v", s)
	}
	if rep.Total != 101 || rep.Errors != 1 || rep.Op(OpItems).LastError != "boom" {
		t.Errorf("report: %+v", rep)
	}
}

type errTest struct{}

func (errTest) Error() string { return "boom" }
