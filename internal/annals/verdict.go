package annals

import "annals.dev/annals/internal/edtf"

// Rating is a verdict's answer on a claim, on the scale fact-checkers
// publish in ClaimReview.
type Rating string

// The ratings, from best to worst; RatingUnproven stands apart.
const (
	RatingTrue        Rating = "true"
	RatingMostlyTrue  Rating = "mostly-true"
	RatingMixed       Rating = "mixed"
	RatingMostlyFalse Rating = "mostly-false"
	RatingFalse       Rating = "false"
	RatingUnproven    Rating = "unproven"
)

// Ratings lists every valid rating.
var Ratings = []Rating{RatingTrue, RatingMostlyTrue, RatingMixed, RatingMostlyFalse, RatingFalse, RatingUnproven}

var ratingTexts = map[Rating]string{
	RatingTrue: "True", RatingMostlyTrue: "Mostly true", RatingMixed: "Mixed",
	RatingMostlyFalse: "Mostly false", RatingFalse: "False", RatingUnproven: "Unproven",
}

// Text is the rating as readers see it: "Mostly false".
func (r Rating) Text() string { return ratingTexts[r] }

// Score places the rating on ClaimReview's numeric scale, from 1 (false)
// to 5 (true), the scale's worst and best; an unproven claim has no place
// on it, and ok is false.
func (r Rating) Score() (score int, ok bool) {
	switch r {
	case RatingTrue:
		return 5, true
	case RatingMostlyTrue:
		return 4, true
	case RatingMixed:
		return 3, true
	case RatingMostlyFalse:
		return 2, true
	case RatingFalse:
		return 1, true
	}
	return 0, false
}

// Verdict is the collection's review of a claimed or disputed event.
type Verdict struct {
	Rating   Rating
	Reviewed edtf.Date // a single day
	Summary  string    // one sentence that explains the rating
}
