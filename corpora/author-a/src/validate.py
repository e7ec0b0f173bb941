#!/usr/bin/env python3
import json, os, sys, collections, datetime as dt, re
D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CUES = set('age_probe personal_info parental_check secrecy isolation flattery age_gap off_platform image_request gifts meeting compliance_testing threats solicitation age_disclosure family_context'.split())
STYLES = set('standard subtle peer_posing fast_pushy slow_patient gift_giver romance mentor_coach off_platform_early'.split())
KINDS = set('family caregiver coach_teacher peers adults_dating gaming customer_support surprise_party other'.split())
ROLES = set('offender target peer family caregiver coach_teacher adult support other'.split())
err = []
def load(n):
    out = []
    for i, l in enumerate(open(os.path.join(D, n)), 1):
        try:
            out.append(json.loads(l))
        except Exception as e:
            err.append(f'{n}:{i} bad json {e}')
    return out
ev = load('events.jsonl'); lab = load('labels.jsonl'); ann = load('annotations.jsonl')
ids = set(); sess_ev = collections.defaultdict(list); users = {}
for e in ev:
    for f in ('schema', 'event_id', 'sent_at', 'session_id', 'sender', 'recipients'):
        if f not in e: err.append(f'missing {f} in {e.get("event_id")}')
    if e['schema'] != 'tipline.message/1': err.append('schema')
    if not e['event_id'].startswith('aa-e') or not e['session_id'].startswith('aa-s'): err.append('prefix ' + e['event_id'])
    if e['event_id'] in ids: err.append('dup id ' + e['event_id'])
    ids.add(e['event_id'])
    t = dt.datetime.fromisoformat(e['sent_at'])
    if t.tzinfo is None or not re.search(r'([+-]\d\d:\d\d|Z)$', e['sent_at']): err.append('tz ' + e['event_id'])
    if t.year != 2026: err.append('year ' + e['event_id'])
    if not e['sender']['user_id'].startswith('aa-u'): err.append('uid')
    if not (1 <= len(e['recipients']) <= 1000): err.append('recips')
    if any(r['user_id'] == e['sender']['user_id'] for r in e['recipients']): err.append('self recip')
    da = e['sender'].get('declared_age')
    if da is not None and not (isinstance(da, int) and 0 <= da <= 130): err.append('age')
    if not isinstance(e['text'], str) or not e['text'] or len(e['text']) > 65536: err.append('text')
    sess_ev[e['session_id']].append(e)
    users[e['sender']['user_id']] = e['sender']
for s, es in sess_ev.items():
    ts = [dt.datetime.fromisoformat(x['sent_at']) for x in es]
    if ts != sorted(ts): err.append('order ' + s)
labels = {l['session_id']: l['positive'] for l in lab}
if len(labels) != len(lab): err.append('dup labels')
if set(labels) != set(sess_ev): err.append('label/session mismatch')
sa = {}; pa = collections.defaultdict(dict); ma = {}
for a in ann:
    if a['kind'] == 'session':
        sa[a['session_id']] = a
        if a['positive'] != labels.get(a['session_id']): err.append('ann label mismatch')
        if a['positive'] and (a['style'] not in STYLES or a['negative_kind'] is not None): err.append('style ' + a['session_id'])
        if not a['positive'] and (a['negative_kind'] not in KINDS or a['style'] is not None): err.append('kind ' + a['session_id'])
        if a['tempo'] not in ('fast', 'normal', 'slow'): err.append('tempo')
    elif a['kind'] == 'participant':
        pa[a['session_id']][a['user_id']] = a
        if a['role'] not in ROLES or not isinstance(a['true_age'], int): err.append('participant ' + str(a))
    elif a['kind'] == 'message':
        if a['event_id'] in ma: err.append('dup msg ann')
        ma[a['event_id']] = a
        if not set(a['cues']) <= CUES: err.append('cue ' + str(a['cues']))
    else:
        err.append('ann kind')
if set(ma) != ids: err.append('message annotations mismatch')
if set(sa) != set(sess_ev): err.append('session ann mismatch')
for s, es in sess_ev.items():
    parts = {e['sender']['user_id'] for e in es} | {r['user_id'] for e in es for r in e['recipients']}
    if parts != set(pa[s]): err.append('participants ' + s)
    if not (6 <= len(es) <= 80): err.append(f'len {s} {len(es)}')
    ma_s = [ma[e['event_id']]['session_id'] == s for e in es]
    if not all(ma_s): err.append('msg ann session')
print('errors:', len(err)); print('\n'.join(err[:30]))
# stats
pos = sum(labels.values())
print('sessions', len(labels), 'positives', pos, 'negatives', len(labels) - pos, 'messages', len(ev), 'accounts', len(users))
print('declared_age share', round(sum(1 for u in users.values() if 'declared_age' in u) / len(users), 3))
print('styles', collections.Counter(a['style'] for a in sa.values() if a['positive']))
print('kinds', collections.Counter(a['negative_kind'] for a in sa.values() if not a['positive']))
print('tempo', collections.Counter((a['positive'], a['tempo']) for a in sa.values()))
print('cues', sorted(collections.Counter(c for a in ma.values() for c in a['cues']).items(), key=lambda x: -x[1]))
lens = sorted(len(v) for v in sess_ev.values()); print('len min/med/max', lens[0], lens[len(lens)//2], lens[-1])
span = collections.defaultdict(list)
for s, es in sess_ev.items():
    d = (dt.datetime.fromisoformat(es[-1]['sent_at']) - dt.datetime.fromisoformat(es[0]['sent_at'])).total_seconds() / 86400
    span[sa[s]['tempo']].append(round(d, 2))
for k, v in span.items():
    v.sort(); print('span days', k, v[0], v[len(v)//2], v[-1])
# sentence reuse
cnt = collections.defaultdict(set)
for e in ev:
    n = re.sub(r'[^a-z0-9 ]', '', e['text'].lower()).strip()
    if len(n.split()) >= 4: cnt[n].add(e['session_id'])
over = [(len(v), k) for k, v in cnt.items() if len(v) > 3]
print('sentences (>=4 words) in >3 sessions:', len(over), sorted(over, reverse=True)[:8])
sys.exit(1 if err else 0)
