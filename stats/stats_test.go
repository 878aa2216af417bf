package stats_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/i18n"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
	"shebao/stats"
)

// spec is one item of the fixture: created on day at hh:mm (office time)
// through ch, decided dur later (no decision when dur < 0).
type spec struct {
	day    shebao.Date
	hhmm   int
	ch     shebao.Channel
	typ    shebao.ItemType
	status shebao.ItemStatus
	dur    time.Duration
}

const (
	self    = shebao.SelfService
	online  = shebao.Online
	counter = shebao.Counter
	sec     = time.Second
	none    = -1
)

// fixture returns the hand-counted items (see TestReportHandCounted).
func fixture() []spec {
	var s []spec
	add := func(day shebao.Date, ch shebao.Channel, typ shebao.ItemType, status shebao.ItemStatus, dur time.Duration) {
		s = append(s, spec{day, 1000, ch, typ, status, dur})
	}
	ok := shebao.StatusApproved
	// Bases of the changes, outside the range: their decision times never count.
	for i := 0; i < 4; i++ {
		add(20250110, online, shebao.ItemEnroll, ok, 9999*sec) // 2025-01: 4
	}
	for i := 0; i < 5; i++ {
		add(20250320, counter, shebao.ItemStop, ok, 9999*sec) // 2025-03: 5 (2025-02: none)
	}
	for i := 0; i < 8; i++ {
		add(20251201, self, shebao.ItemEnroll, ok, 9999*sec) // 2025-12: 8
	}
	// 2026-01: 10 = self 5 (2 back-pay), online 3, counter 2 (1 declaration).
	for i := 1; i <= 5; i++ {
		typ := shebao.ItemEnroll
		if i <= 2 {
			typ = shebao.ItemBackpay
		}
		add(20260105, self, typ, ok, time.Duration(i)*sec) // self: 1..5 s
	}
	add(20260110, online, shebao.ItemEnroll, shebao.StatusRefused, 0)
	add(20260110, online, shebao.ItemEnroll, ok, 30*sec)
	add(20260110, online, shebao.ItemResume, ok, 60*sec)
	add(20260112, counter, shebao.ItemDeclare, ok, 10*sec)
	s = append(s, spec{20260131, 2359, counter, shebao.ItemCard, ok, 20 * sec}) // still January in the office
	// 2026-02: 6 = self 1 (waiting for review), online 2, counter 3 (1 withdrawn).
	s = append(s, spec{20260201, 1, self, shebao.ItemBackpay, shebao.StatusInReview, none})
	add(20260202, online, shebao.ItemStop, ok, 90*sec)
	add(20260202, online, shebao.ItemStop, ok, 120*sec)
	add(20260203, counter, shebao.ItemRetirePay, ok, 30*sec)
	add(20260203, counter, shebao.ItemMaternity, shebao.StatusReturned, 40*sec)
	add(20260204, counter, shebao.ItemBackpay, shebao.StatusWithdrawn, 500*sec)
	// 2026-03: 3 = online 3.
	add(20260301, online, shebao.ItemProof, ok, 150*sec)
	add(20260301, online, shebao.ItemProof, ok, 180*sec)
	s = append(s, spec{20260331, 2359, online, shebao.ItemProof, ok, 3600 * sec})
	// 2026-04-01 00:00 in the office: after the range.
	s = append(s, spec{20260401, 0, counter, shebao.ItemEnroll, ok, 9999 * sec})
	return s
}

// load inserts the fixture's items through tx.InsertItem.
func load(t *testing.T, db *sqldb.DB) {
	t.Helper()
	err := db.InTx(t.Context(), func(tx shebao.Tx) error {
		u := shebao.Unit{CreditCode: "91350100M000100Y43", Name: "示范", Status: shebao.UnitActive}
		if err := tx.CreateUnit(t.Context(), &u); err != nil {
			return err
		}
		p := shebao.Person{IDNumber: "110105199001011234", Name: "张三"}
		if err := tx.CreatePerson(t.Context(), &p); err != nil {
			return err
		}
		for _, s := range fixture() {
			y, m, d := s.day.Parts()
			at := time.Date(y, m, d, s.hhmm/100, s.hhmm%100, 0, 0, shebao.Office)
			it := shebao.Item{Type: s.typ, UnitID: u.ID, PersonID: p.ID, Channel: s.ch, Status: s.status,
				Period: s.day.Period(), CreatedAt: at}
			if s.dur >= 0 {
				it.DecidedAt = at.Add(s.dur)
			}
			if err := tx.InsertItem(t.Context(), &it); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var staff = shebao.Actor{AccountID: 1, Username: "admin", Role: shebao.RoleAdmin}

// TestReportHandCounted checks every figure against the fixture, counted
// by hand:
//
//	month    self online counter total  MoM (base)       YoY (base)
//	2025-01     0     4      0     4
//	2025-03     0     0      5     5
//	2025-12     8     0      0     8
//	2026-01     5     3      2    10   +25.0% (8)      +150.0% (4)
//	2026-02     1     2      3     6   -40.0% (10)          — (0)
//	2026-03     0     3      0     3   -50.0% (6)       -40.0% (5)
//
// Decision times in 2026-01..03 (withdrawn, in review and out-of-range
// items excluded): self 1,2,3,4,5 s (avg 3 s, p95 rank 5: 5 s); online 0,
// 30, 60, 90, 120, 150, 180, 3600 s (avg 4230/8 = 528.75 s, p95 rank 8:
// 3600 s); counter 10, 20, 30, 40 s (avg 25 s, p95 rank 4: 40 s).
func TestReportHandCounted(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		load(t, db)
		svc := &stats.Service{Store: db}
		rep, err := svc.Report(t.Context(), staff, 202601, 202603)
		if err != nil {
			t.Fatal(err)
		}
		type month struct {
			Period          shebao.Period
			ByChannel       []int
			Total, Fund     int
			MoM, YoY        string
			Shares          []string
			SelfMoM, OnlYoY string
			Backpay, Proofs int
		}
		var got []month
		for _, m := range rep.Months {
			got = append(got, month{m.Period, m.ByChannel, m.Total, m.Fund, m.MoM.Percent(), m.YoY.Percent(),
				[]string{m.Shares[0].Percent(), m.Shares[1].Percent(), m.Shares[2].Percent()},
				m.ChMoM[0].Percent(), m.ChYoY[1].Percent(), m.ByType[shebao.ItemBackpay], m.ByType[shebao.ItemProof]})
		}
		want := []month{
			{202601, []int{5, 3, 2}, 10, 3, "+25.0%", "+150.0%", []string{"50.0%", "30.0%", "20.0%"}, "-37.5%", "-25.0%", 2, 0},
			{202602, []int{1, 2, 3}, 6, 2, "-40.0%", "—", []string{"16.7%", "33.3%", "50.0%"}, "-80.0%", "—", 2, 0},
			{202603, []int{0, 3, 0}, 3, 0, "-50.0%", "-40.0%", []string{"0.0%", "100.0%", "0.0%"}, "-100.0%", "—", 0, 3},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("months (-want +got):\n%s", d)
		}
		if rep.Total != 19 || rep.Fund != 5 || rep.Other != 14 {
			t.Errorf("total, fund, other = %d, %d, %d; want 19, 5, 14", rep.Total, rep.Fund, rep.Other)
		}
		type channel struct {
			Items    int
			Share    string
			Decided  int
			Avg, P95 string
		}
		var gotCh []channel
		for _, c := range rep.Channels {
			gotCh = append(gotCh, channel{c.Items, c.Share.Percent(), c.Decided, stats.FormatDuration(c.Avg), stats.FormatDuration(c.P95)})
		}
		wantCh := []channel{
			{6, "31.6%", 5, "0:03", "0:05"},    // 6/19 = 31.58%
			{8, "42.1%", 8, "8:49", "1:00:00"}, // 8/19 = 42.11%; 528.75 s rounds to 529 s
			{5, "26.3%", 4, "0:25", "0:40"},    // 5/19 = 26.32%
		}
		if d := cmp.Diff(wantCh, gotCh); d != "" {
			t.Errorf("channels (-want +got):\n%s", d)
		}
		if rep.Channels[1].Avg != 528750*time.Millisecond {
			t.Errorf("online average = %v, want exactly 528.75s", rep.Channels[1].Avg)
		}
		for _, ts := range rep.Types {
			if ts.Type == shebao.ItemBackpay && (ts.Items != 4 || ts.Share.Percent() != "21.1%" || !ts.Fund) {
				t.Errorf("back-pay summary = %+v", ts)
			}
		}

		// Reviewers are staff; operators are not.
		if _, err := svc.Report(t.Context(), shebao.Actor{Role: shebao.RoleOperator, UnitID: 1}, 202601, 202603); shebao.ErrorCode(err) != shebao.EFORBIDDEN {
			t.Errorf("operator: %v", err)
		}

		// The charts and the export render the same figures.
		tr := func(key string, args ...string) string { return i18n.T(i18n.ZH, key, args...) }
		bars := stats.BarChart(rep, tr)
		if !strings.HasPrefix(bars, "<svg") || !strings.Contains(bars, "2026-01: 10 (") || strings.Contains(bars, "<script") {
			t.Errorf("bar chart: %.300s", bars)
		}
		lines := stats.LineChart(rep, tr)
		if !strings.Contains(lines, "2026-02 "+tr("channel.self_service")+" 16.7%") {
			t.Errorf("line chart lacks a point title: %.300s", lines)
		}
		var buf bytes.Buffer
		if err := stats.WriteXLSX(&buf, rep, tr); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(tr("stats.sheet.months"))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 || strings.Join(rows[1][:8], ",") != "2026-01,5,3,2,10,3,7,25.0%" || rows[2][8] != "—" {
			t.Errorf("months sheet = %q", rows)
		}
	})
}

func TestP95Rank(t *testing.T) {
	for n, want := range map[int]int{1: 1, 2: 2, 5: 5, 19: 19, 20: 19, 21: 20, 100: 95, 101: 96, 1000: 950} {
		if got := stats.P95Rank(n); got != want {
			t.Errorf("P95Rank(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestRatio(t *testing.T) {
	cases := []struct {
		r    stats.Ratio
		want string
	}{
		{stats.Ratio{1, 8}, "12.5%"}, {stats.Ratio{1, 6}, "16.7%"}, {stats.Ratio{1, 3}, "33.3%"},
		{stats.Ratio{2, 3}, "66.7%"}, {stats.Ratio{1, 2000}, "0.1%"}, {stats.Ratio{1, 2001}, "0.0%"},
		{stats.Ratio{-1, 2000}, "-0.1%"}, {stats.Ratio{5, 0}, "—"}, {stats.Ratio{0, 7}, "0.0%"},
	}
	for _, c := range cases {
		if got := c.r.Percent(); got != c.want {
			t.Errorf("%v.Percent() = %q, want %q", c.r, got, c.want)
		}
	}
	for _, c := range []struct {
		c    stats.Change
		want string
	}{{stats.Change{10, 8}, "+25.0%"}, {stats.Change{8, 8}, "0.0%"}, {stats.Change{0, 3}, "-100.0%"}, {stats.Change{3, 0}, "—"}, {stats.Change{0, 0}, "—"}} {
		if got := c.c.Percent(); got != c.want {
			t.Errorf("%v.Percent() = %q, want %q", c.c, got, c.want)
		}
	}
}

func TestParseRange(t *testing.T) {
	today := shebao.NewDate(2026, 7, 8)
	cases := []struct {
		from, to         string
		wantFrom, wantTo shebao.Period
		field, reason    string
	}{
		{"", "", 202508, 202607, "", ""},
		{"2026-01", "2026-03", 202601, 202603, "", ""},
		{"", "2025-12", 202501, 202512, "", ""},
		{"2021-08", "2026-07", 202108, 202607, "", ""}, // exactly five years
		{"2016-07", "2026-07", 0, 0, stats.FieldFrom, stats.ReasonRangeTooLong},
		{"2021-07", "2026-07", 0, 0, stats.FieldFrom, stats.ReasonRangeTooLong},
		{"2026-05", "2026-03", 0, 0, stats.FieldTo, stats.ReasonRangeReversed},
		{"2026-13", "", 0, 0, stats.FieldFrom, shebao.ReasonPeriodMalformed},
		{"march", "", 0, 0, stats.FieldFrom, shebao.ReasonPeriodMalformed},
		{"", "2026-08", 0, 0, stats.FieldTo, shebao.ReasonPeriodFuture},
		{"1999-12", "2000-01", 0, 0, stats.FieldFrom, shebao.ReasonOutOfRange},
	}
	for _, c := range cases {
		from, to, err := stats.ParseRange(c.from, c.to, today)
		e := shebao.AsError(err)
		if c.reason == "" {
			if err != nil || from != c.wantFrom || to != c.wantTo {
				t.Errorf("ParseRange(%q, %q) = %v, %v, %v", c.from, c.to, from, to, err)
			}
			continue
		}
		if err == nil || e.Code != shebao.EINVALID || e.Field != c.field || e.Reason != c.reason {
			t.Errorf("ParseRange(%q, %q) error = %v; want %s on %s", c.from, c.to, err, c.reason, c.field)
		}
		if !i18n.Has("reason." + e.Reason) {
			t.Errorf("no message for %s", e.Reason)
		}
	}
	_, _, err := stats.ParseRange("2016-07", "2026-07", today)
	if msg := i18n.Error(i18n.ZH, err); !strings.Contains(msg, "121") || !strings.Contains(msg, "60") {
		t.Errorf("ten-year message = %q", msg)
	}
}

// TestMessages checks that the reasons and the export's labels have
// messages in both languages.
func TestMessages(t *testing.T) {
	for _, k := range []string{"reason." + stats.ReasonRangeTooLong, "reason." + stats.ReasonRangeReversed,
		"field." + stats.FieldFrom, "field." + stats.FieldTo, "stats.chart.bars", "stats.chart.shares",
		"stats.sheet.months", "stats.sheet.types", "stats.sheet.channels", "stats.avg_seconds", "stats.p95_seconds"} {
		if !i18n.Has(k) || i18n.T(i18n.ZH, k) == i18n.T(i18n.EN, k) {
			t.Errorf("%s: missing or untranslated", k)
		}
	}
}
