package annals

// Rank grades one value of a discrepancy, as Wikidata ranks statements:
// the preferred value is the one the collection holds to be right, a
// deprecated one is known to be wrong but stays on record with its source.
type Rank string

// The ranks; RankNormal is the default.
const (
	RankPreferred  Rank = "preferred"
	RankNormal     Rank = "normal"
	RankDeprecated Rank = "deprecated"
)

// Ranks lists every valid rank.
var Ranks = []Rank{RankPreferred, RankNormal, RankDeprecated}

// Discrepancy records that sources disagree about one fact of an event:
// what the fact is, and every value given for it.
type Discrepancy struct {
	About  string  `json:"about"`
	Values []Value `json:"values"`
}

// Value is one answer to a discrepancy, with the sources that give it.
type Value struct {
	Value   string   `json:"value"`
	Sources []string `json:"sources"` // citation keys
	Rank    Rank     `json:"rank"`
	Note    string   `json:"note,omitempty"`
}

// Preferred counts the values ranked preferred. A discrepancy should have
// exactly one: none leaves readers without an answer, two contradict
// each other.
func (d Discrepancy) Preferred() int {
	n := 0
	for _, v := range d.Values {
		if v.Rank == RankPreferred {
			n++
		}
	}
	return n
}
