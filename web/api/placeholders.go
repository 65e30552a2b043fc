package api

import (
	"net/http"
	"strconv"

	"reach/app"
)

func (a *api) listPlaceholders(r *http.Request) (reply, error) {
	ps, err := a.app.Placeholders(r.Context(), actor(r))
	if err != nil {
		return reply{}, err
	}
	return reply{body: pageOf(ps, "")}, nil
}

func (a *api) addPlaceholder(r *http.Request) (reply, error) {
	var in app.PlaceholderInput
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	p, err := a.app.AddPlaceholder(r.Context(), actor(r), in)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: p}, nil
}

func (a *api) removePlaceholder(r *http.Request) (reply, error) {
	if err := a.app.RemovePlaceholder(r.Context(), actor(r), r.PathValue("id")); err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusNoContent}, nil
}

// reportPage is one page of the placeholder report.
type reportPage struct {
	app.Report
	NextCursor string `json:"next_cursor"`
}

func (a *api) placeholderReport(r *http.Request) (reply, error) {
	q := newQuery(r, "limit", "cursor")
	limit, offset := q.limit(), q.offset()
	if err := q.err(); err != nil {
		return reply{}, err
	}
	rep, err := a.app.PlaceholderReport(r.Context(), actor(r), offset, limit)
	if err != nil {
		return reply{}, err
	}
	out := reportPage{Report: rep}
	if rep.Next > 0 {
		out.NextCursor = q.next(strconv.Itoa(rep.Next))
	}
	return reply{body: out}, nil
}

func (a *api) cleanup(r *http.Request) (reply, error) {
	var in app.CleanupInput
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	res, err := a.app.CleanupPlaceholders(r.Context(), actor(r), in, nil)
	if err != nil {
		return reply{}, err
	}
	return reply{body: res}, nil
}

func (a *api) getPlaceholderSettings(r *http.Request) (reply, error) {
	s, err := a.app.GetPlaceholderSettings(r.Context(), actor(r))
	if err != nil {
		return reply{}, err
	}
	return reply{body: s}, nil
}

func (a *api) setPlaceholderSettings(r *http.Request) (reply, error) {
	var in app.PlaceholderSettings
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	s, err := a.app.SetPlaceholderSettings(r.Context(), actor(r), in)
	if err != nil {
		return reply{}, err
	}
	return reply{body: s}, nil
}
