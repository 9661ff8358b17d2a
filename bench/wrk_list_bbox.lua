-- wrk: GET /v1/roadworks?bbox=... with the boxes of bench/workload.h
-- (2 * 0.01 degrees, centres uniform in Kaohsiung's urban core).
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args)
  math.randomseed(seed)
end
function request()
  local cx = 120.27 + math.random(0, 1000) / 10000
  local cy = 22.58 + math.random(0, 1200) / 10000
  return wrk.format("GET", string.format("/v1/roadworks?bbox=%.6f,%.6f,%.6f,%.6f",
                                         cx - 0.01, cy - 0.01, cx + 0.01, cy + 0.01))
end
