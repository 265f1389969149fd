package questionnaire

import "encoding/json"

// The page's script runs the questionnaire in place under a Content Security Policy that
// forbids eval, so it does not parse conditions: it reads them compiled to JSON arrays,
// which it interprets with the same meaning as Holds and Resolve.
//
//	["=", q, [a, b]]    q was answered with one of the ids (= and in; for a checklist,
//	                    "yes" or "no")
//	["!=", q, [a]]      q was not answered with a
//	["has", q, [i]]     checklist q had item i ticked
//	["not", X], ["and", X, Y], ["or", X, Y]
//
// A rule is [condition, node id], the default [null, node id].

// MarshalJSON writes the condition in the script's form.
func (c *Cond) MarshalJSON() ([]byte, error) {
	switch c.Op {
	case OpNot:
		return json.Marshal([]any{"not", c.X})
	case OpAnd, OpOr:
		return json.Marshal([]any{c.Op.String(), c.X, c.Y})
	case OpIn:
		return json.Marshal([]any{"=", c.Q, c.Vals})
	}
	return json.Marshal([]any{c.Op.String(), c.Q, c.Vals})
}

// MarshalJSON writes the rule in the script's form.
func (r Rule) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{r.If, r.Go})
}
