#include "store/commit_script.h"

namespace liandong::store {

// One change of a case, all or nothing:
//   compare-and-set on the case's version, an optional idempotency claim, stream acks,
//   stream appends (work orders, events, outcomes) and sorted-set updates, then the case.
// KEYS[1] case hash; other keys are referenced by their index in KEYS.
// ARGV[1] expected version ("0": must not exist)  ARGV[2] new version
// ARGV[3] case bytes  ARGV[4] status label  ARGV[5] idempotency key index ("0": none)
// ARGV[6] idempotency TTL seconds  ARGV[7] idempotency value
// ARGV[8..] operations:  ACK k group id | DROP k group id (ack, then delete the entry)
//                         | ADD k idfield nfields f1 v1 ... | ZADD k score member
//                         | ZREM k member | CLAIM k member
// CLAIM removes a sorted-set member that must still be there: of several replicas firing the
// same SLA clock, exactly one commits.
// Returns {"OK", id...} with the ids of the appended entries in order, or
// {"CONFLICT", current_version} / {"DUPLICATE", owner} / {"GONE", member} / {"ERROR", message}.
const char kCommitCaseScript[] = R"lua(
local current = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] == '0' then
  if current then return {'CONFLICT', current} end
elseif current ~= ARGV[1] then
  return {'CONFLICT', current or ''}
end
local idem = tonumber(ARGV[5])
if idem > 0 then
  local owner = redis.call('GET', KEYS[idem])
  if owner then return {'DUPLICATE', owner} end
end
local ops = {}
local i = 8
while i <= #ARGV do
  local op = ARGV[i]
  if op == 'ACK' or op == 'DROP' then
    table.insert(ops, {op, tonumber(ARGV[i+1]), ARGV[i+2], ARGV[i+3]}); i = i + 4
  elseif op == 'ADD' then
    local n = tonumber(ARGV[i+3])
    local fields = {}
    for k = 1, 2 * n do fields[k] = ARGV[i + 3 + k] end
    table.insert(ops, {op, tonumber(ARGV[i+1]), ARGV[i+2], fields}); i = i + 4 + 2 * n
  elseif op == 'ZADD' then
    table.insert(ops, {op, tonumber(ARGV[i+1]), ARGV[i+2], ARGV[i+3]}); i = i + 4
  elseif op == 'ZREM' or op == 'CLAIM' then
    table.insert(ops, {op, tonumber(ARGV[i+1]), ARGV[i+2]}); i = i + 3
  else
    return {'ERROR', 'unknown operation ' .. tostring(op)}
  end
end
for _, o in ipairs(ops) do
  if o[1] == 'CLAIM' and not redis.call('ZSCORE', KEYS[o[2]], o[3]) then
    return {'GONE', o[3]}
  end
end
-- Acks first: the only step that can fail on a well-formed call (a missing group),
-- and nothing has been written yet when it does.
for _, o in ipairs(ops) do
  if o[1] == 'ACK' or o[1] == 'DROP' then
    local r = redis.pcall('XACK', KEYS[o[2]], o[3], o[4])
    if type(r) == 'table' and r.err then return {'ERROR', r.err} end
  end
end
local result = {'OK'}
for _, o in ipairs(ops) do
  if o[1] == 'ADD' then
    local id = redis.call('XADD', KEYS[o[2]], '*', unpack(o[4]))
    if o[3] ~= '' then redis.call('HSET', KEYS[1], o[3], id) end
    table.insert(result, id)
  elseif o[1] == 'ZADD' then
    redis.call('ZADD', KEYS[o[2]], o[3], o[4])
  elseif o[1] == 'ZREM' or o[1] == 'CLAIM' then
    redis.call('ZREM', KEYS[o[2]], o[3])
  elseif o[1] == 'DROP' then
    redis.call('XDEL', KEYS[o[2]], o[4])
  end
end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'case', ARGV[3], 'status', ARGV[4])
if idem > 0 then
  redis.call('SET', KEYS[idem], ARGV[7], 'EX', ARGV[6])
end
return result
)lua";

}  // namespace liandong::store
