#!/usr/bin/python3
"""A pwis gRPC client in Python, with Debian's own packages only.

Debian's python3-grpc-tools is too old for proto3 `optional`, so the stubs
come from protoc and grpc_python_plugin (both installed by scripts/setup):

    mkdir -p /tmp/pwis-py
    protoc -I protos --python_out=/tmp/pwis-py \
        --grpc_out=/tmp/pwis-py \
        --plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin \
        $(cd protos && find google pwis -name '*.proto')
    PYTHONPATH=/tmp/pwis-py /usr/bin/python3 examples/python_client.py localhost:50051

It locates a point, lists road works in a box and shows how a bad request is
answered (INVALID_ARGUMENT naming the field, with a google.rpc.BadRequest).
"""
import sys

import grpc

from google.rpc import error_details_pb2, status_pb2
from pwis.v1 import districts_pb2, districts_pb2_grpc
from pwis.v1 import roadworks_pb2, roadworks_pb2_grpc


def bad_fields(error):
    """The fields a google.rpc.BadRequest in the error's details names."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                bad = error_details_pb2.BadRequest()
                if detail.Unpack(bad):
                    return [v.field for v in bad.field_violations]
    return []


def main(target):
    with grpc.insecure_channel(target) as channel:
        districts = districts_pb2_grpc.DistrictServiceStub(channel)
        works = roadworks_pb2_grpc.RoadWorkServiceStub(channel)

        here = districts.LocateDistrict(
            districts_pb2.LocateDistrictRequest(lng=120.3157, lat=22.6213),
            timeout=10)
        print("district", here.district.code, here.district.name.zh_tw)

        page = works.ListRoadWorks(
            roadworks_pb2.ListRoadWorksRequest(
                bbox="120.2,22.5,120.5,22.8", any_time=True, page_size=5),
            timeout=10)
        print("works", len(page.road_works))
        for w in page.road_works:
            print(" ", w.id, w.title, ",".join(w.road_names))

        try:
            works.ListRoadWorks(
                roadworks_pb2.ListRoadWorksRequest(bbox="0x78,22,121,23"),
                timeout=10)
        except grpc.RpcError as e:
            print("refused", e.code().name, bad_fields(e))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "localhost:50051")
