package sheet_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/batch"
	"shebao/billing"
	"shebao/declaration"
	"shebao/employment"
	"shebao/sheet"
)

// budget is what one upload may add to the process's peak RSS.
const budget = 64 << 20

// TestUploadMemoryBounded reads hostile files (and the largest files the
// readers accept) with the readers of uploads, each in a fresh process
// (this test binary again), which reports how much its peak RSS (VmHWM)
// grew: at most budget.
func TestUploadMemoryBounded(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc/self/status")
	}
	start := time.Now()
	files := hostileFiles(t, t.TempDir())
	t.Logf("files written in %v", time.Since(start))
	for _, c := range files {
		start := time.Now()
		cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryChild$")
		cmd.Env = append(os.Environ(), "SHEET_CHILD="+c.reader+":"+c.path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s by %s: %v\n%s", c.name, c.reader, err, out)
		}
		grew, answer := parseChild(t, string(out))
		t.Logf("%-18s %-12s +%5.1f MB  %-26s %v", c.name, c.reader, float64(grew)/(1<<20), answer, time.Since(start).Round(time.Millisecond))
		if grew > budget {
			t.Errorf("%s read by %s grew the peak RSS by %d MB (budget %d MB)", c.name, c.reader, grew>>20, budget>>20)
		}
		if c.want != "" && answer != c.want {
			t.Errorf("%s read by %s answered %s, want %s", c.name, c.reader, answer, c.want)
		}
	}
}

// TestMemoryChild is the child process of TestUploadMemoryBounded.
func TestMemoryChild(t *testing.T) {
	spec := os.Getenv("SHEET_CHILD")
	if spec == "" {
		t.Skip("child of TestUploadMemoryBounded")
	}
	reader, path, _ := strings.Cut(spec, ":")
	before := vmHWM(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	err = read(reader, path, f)
	after := vmHWM(t)
	answer := "accepted"
	if err != nil {
		answer = shebao.AsError(err).Reason
	}
	fmt.Printf("GREW %d %s\n", after-before, answer)
}

// read is what each reader does with an uploaded file.
func read(reader, path string, f *os.File) error {
	switch reader {
	case "batch":
		data, err := batch.ReadUpload(f)
		if err != nil {
			return err
		}
		_, err = batch.Parse(data, shebao.BatchEnroll, shebao.Online, 20260601)
		return err
	case "declaration":
		data, err := declaration.ReadUpload(f)
		if err != nil {
			return err
		}
		_, _, err = declaration.ParseSheet(data)
		return err
	case "employment":
		_, err := employment.ReadFile(filepath.Base(path), f)
		return err
	case "policy":
		_, err := billing.DecodePolicyFile(f)
		return err
	}
	return fmt.Errorf("unknown reader %q", reader)
}

func vmHWM(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmHWM")
	return 0
}

func parseChild(t *testing.T, out string) (int64, string) {
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, "GREW "); ok {
			n, answer, _ := strings.Cut(rest, " ")
			v, _ := strconv.ParseInt(n, 10, 64)
			return v, answer
		}
	}
	t.Fatalf("child said: %s", out)
	return 0, ""
}

type hostile struct {
	name, reader, path string
	want               string // the reason of the answer; "" for any
}

// hostileFiles writes the files the readers must survive.
func hostileFiles(t *testing.T, dir string) []hostile {
	t.Helper()
	var out []hostile
	write := func(name, reader, want string, data []byte) {
		p := filepath.Join(dir, reader+"-"+name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		out = append(out, hostile{name, reader, p, want})
	}
	headers := map[string][]string{"batch": batch.Headers(shebao.BatchEnroll), "declaration": declaration.Headers,
		"employment": employment.Columns}
	header := func(reader string) string {
		var b strings.Builder
		b.WriteString(`<row r="1">`)
		for i, h := range headers[reader] {
			fmt.Fprintf(&b, `<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>`, colName(i+1), h)
		}
		return b.String() + "</row>"
	}
	// The file: 150 MB of blank space in one run.
	write("blank150MB.xlsx", "batch", sheet.ReasonUnpacked, workbook(t, func(w *bufio.Writer) {
		w.WriteString(header("batch"))
		writeRepeat(w, " ", 150<<20)
	}, nil))
	// Blank space, half the unpacked limit, in runs under the token limit.
	for _, rd := range []string{"batch"} {
		write("blank30MBruns.xlsx", rd, batch.ReasonNoRows, workbook(t, func(w *bufio.Writer) {
			w.WriteString(header(rd))
			for i := 0; i < 30<<20/(60<<10); i++ {
				w.WriteString("<x/>")
				writeRepeat(w, " ", 60<<10)
			}
		}, nil))
	}
	// A zip bomb of rows under the unpacked limit: 100,000 rows.
	write("rows100k.xlsx", "batch", batch.ReasonTooManyRows, workbook(t, func(w *bufio.Writer) {
		w.WriteString(header("batch"))
		for r := 2; r < 100_000; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="s"><v>0</v></c><c r="B%d" t="s"><v>1</v></c></row>`, r, r, r)
		}
	}, []string{"11010519491231002X", strings.Repeat("张", 256)}))
	// The largest sheets accepted: every row, every cell as long as allowed.
	for rd, rows := range map[string]int{"batch": batch.MaxRows, "declaration": declaration.MaxRows, "employment": employment.MaxRows} {
		write("maxrows.xlsx", rd, "", workbook(t, func(w *bufio.Writer) {
			w.WriteString(header(rd))
			for r := 2; r <= rows+1; r++ {
				fmt.Fprintf(w, `<row r="%d">`, r)
				for c := 1; c <= len(headers[rd]); c++ {
					fmt.Fprintf(w, `<c r="%s%d" t="inlineStr"><is><t>%08d%s</t></is></c>`, colName(c), r, r, strings.Repeat("工", 36))
				}
				w.WriteString("</row>")
			}
		}, nil))
	}
	// Shared strings up to the part limit: 250,000 empty strings.
	write("sharedStrings.xlsx", "batch", "", workbook(t, func(w *bufio.Writer) {
		w.WriteString(header("batch"))
		w.WriteString(`<row r="2"><c r="A2" t="s"><v>249999</v></c><c r="B2" t="s"><v>1</v></c></row>`)
	}, make([]string, 250_000)))
	// Rows as wide as a sheet goes.
	write("wide.xlsx", "batch", sheet.ReasonRowTooWide, workbook(t, func(w *bufio.Writer) {
		w.WriteString(header("batch"))
		for r := 2; r < 400; r++ {
			fmt.Fprintf(w, `<row r="%d">`, r)
			for c := 1; c <= 16384; c += 16 {
				fmt.Fprintf(w, `<c r="%s%d" t="s"><v>0</v></c>`, colName(c), r)
			}
			w.WriteString("</row>")
		}
	}, []string{"x"}))
	// 10 MB of CSV: one field, and many short rows.
	write("onefield.csv", "employment", "", append([]byte("身份证号码,姓名\n\""), bytes.Repeat([]byte("x"), 10<<20-40)...))
	var csv bytes.Buffer
	csv.WriteString(strings.Join(employment.Columns, ",") + "\n")
	for csv.Len() < 10<<20-100 {
		csv.WriteString("1,11010519491231002X,张三,91110000100000000A,2026-01-01,2026-01-01,\n")
	}
	write("rows.csv", "employment", employment.ReasonTooManyRows, csv.Bytes())
	write("policy.json", "policy", "", append([]byte(`{"year":"`), bytes.Repeat([]byte("9"), 2<<20)...))
	return out
}

func writeRepeat(w *bufio.Writer, s string, n int) {
	chunk := strings.Repeat(s, 64<<10)
	for ; n > 0; n -= len(chunk) {
		w.WriteString(chunk[:min(n, len(chunk))])
	}
}

func colName(c int) string {
	s := ""
	for c > 0 {
		c--
		s = string(rune('A'+c%26)) + s
		c /= 26
	}
	return s
}

// workbook writes a minimal .xlsx whose sheet's <sheetData> is what rows
// writes, with the given shared strings.
func workbook(t *testing.T, rows func(*bufio.Writer), shared []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	part := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	var ss strings.Builder
	fmt.Fprintf(&ss, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(shared), len(shared))
	for _, s := range shared {
		fmt.Fprintf(&ss, "<si><t>%s</t></si>", s)
	}
	ss.WriteString("</sst>")
	part("xl/sharedStrings.xml", ss.String())
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	rows(bw)
	bw.WriteString(`</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
