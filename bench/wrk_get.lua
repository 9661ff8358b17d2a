-- wrk: GET /v1/roadworks/{id} with id uniform in 1..ID_MAX (env).
local id_max = tonumber(os.getenv("ID_MAX") or "400")
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args)
  math.randomseed(seed)
end
function request()
  return wrk.format("GET", "/v1/roadworks/" .. math.random(1, id_max))
end
