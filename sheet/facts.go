package sheet

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"shebao"
)

// Facts are what excelize's row iterator does not tell, read in one
// streaming pass over a worksheet's XML (Book.Facts): the merged ranges
// below the header, and for the columns asked about, the cells holding a
// formula and the number cells.
type Facts struct {
	Merges   []Merge
	Formulas map[int]string // row → the first cell asked about holding a formula
	Numbers  map[Cell]bool  // cells asked about that are number cells (or untyped)
}

// Merge is a merged range and the rows it covers below the header.
type Merge struct {
	Ref        string
	Row1, Row2 int
}

// Cell is a cell's 1-based row and column.
type Cell struct{ Row, Col int }

// MaxMerges bounds the merged ranges a worksheet may have.
const MaxMerges = 10_000

// Merged returns the merged range touching a row, if any.
func (f Facts) Merged(row int) (string, bool) {
	for _, m := range f.Merges {
		if m.Row1 <= row && row <= m.Row2 {
			return m.Ref, true
		}
	}
	return "", false
}

// Facts streams the XML of the named worksheet: cols are the 1-based
// columns whose formulas and number cells matter, below headerRow. The
// zip was checked by Open, so every token is bounded.
func (b *Book) Facts(sheet string, cols map[int]bool, headerRow int) (Facts, error) {
	name, err := sheetPath(b.zr, sheet)
	if err != nil {
		return Facts{}, Unreadable(err)
	}
	rc, err := b.zr.Open(name)
	if err != nil {
		return Facts{}, Unreadable(err)
	}
	defer rc.Close()
	out := Facts{Formulas: map[int]string{}, Numbers: map[Cell]bool{}}
	maxNumbers := b.limits.Rows * len(cols)
	d := xml.NewDecoder(rc)
	var cell Cell
	var ref string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return Facts{}, Unreadable(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "c":
			ref = attr(se, "r")
			c, r, err := excelize.CellNameToCoordinates(ref)
			if err != nil || r <= headerRow || !cols[c] {
				cell = Cell{}
				continue
			}
			cell = Cell{r, c}
			if t := attr(se, "t"); t == "" || t == "n" {
				if len(out.Numbers) == maxNumbers {
					return Facts{}, shebao.Invalid("file", ReasonTooManyRows, strconv.Itoa(b.limits.Rows))
				}
				out.Numbers[cell] = true
			}
		case "f":
			if _, ok := out.Formulas[cell.Row]; cell.Row > 0 && !ok {
				out.Formulas[cell.Row] = ref
			}
		case "mergeCell":
			if err := out.merge(attr(se, "ref"), headerRow); err != nil {
				return Facts{}, err
			}
		}
	}
}

func (f *Facts) merge(ref string, headerRow int) error {
	from, to, _ := strings.Cut(ref, ":")
	_, r1, err1 := excelize.CellNameToCoordinates(from)
	_, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || r2 <= headerRow {
		return nil // a merge within the header row is harmless once the headers were read
	}
	if len(f.Merges) == MaxMerges {
		return Unreadable(errTooManyMerges)
	}
	f.Merges = append(f.Merges, Merge{Ref: ref, Row1: max(r1, headerRow+1), Row2: r2})
	return nil
}

var (
	errNoSheet       = errors.New("sheet: worksheet not found")
	errTooManyMerges = errors.New("sheet: too many merged ranges")
)

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// sheetPath finds the part name of a worksheet through xl/workbook.xml and
// its relationships.
func sheetPath(zr *zip.Reader, sheet string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join("xl", r.Target), nil
			}
		}
	}
	return "", errNoSheet
}

// decodePart decodes a small part (bounded by Limits.Part, checked by Open).
func decodePart(zr *zip.Reader, name string, v any) error {
	rc, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}
