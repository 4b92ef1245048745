"""Stand-ins for the provider SDKs' clients (the `openai` and `anthropic` packages are not installable on these
machines): duck-typed, with the same attributes the tracker reads and the same response, stream-event and exception
shapes as openai 1.x and anthropic 0.x. They stand for the provider only; nothing of TokenOptimizer is faked.

A fake client answers each create() with the next scripted reply: a response object, a ``Streamed`` script of
events (the stream moves the shared ``FakeClock`` on by each event's delay before handing it out), or an
exception, to which the request is attached as the real SDKs do (``error.request``: url and JSON body).
"""

import json
from types import SimpleNamespace as Obj


class FakeClock:
    """Stands for time.perf_counter while patched in: time moves only when a stream's event arrives."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


class Streamed:
    """A reply streamed as (delay in seconds, event) pairs; events may depend on the request (include_usage)."""

    def __init__(self, events_for_request):
        self.events_for_request = events_for_request


class APIStatusError(Exception):
    """Like openai.APIStatusError / anthropic.APIStatusError: status_code, and the request that was sent."""

    def __init__(self, status_code, message="the provider refused the prompt 'secret'"):
        super().__init__(message)
        self.status_code = status_code
        self.request = None


class FakeStream:
    def __init__(self, timed_events, clock):
        self._events = list(timed_events)
        self._clock = clock
        self.closed = False
        self.response = Obj(status_code=200)

    def __iter__(self):
        return self

    def __next__(self):
        if not self._events or self.closed:
            raise StopIteration
        delay, event = self._events.pop(0)
        self._clock.advance(delay)
        if isinstance(event, BaseException):
            raise event
        return event

    def close(self):
        self.closed = True


class FakeAsyncStream(FakeStream):
    def __aiter__(self):
        return self

    async def __anext__(self):
        try:
            return FakeStream.__next__(self)
        except StopIteration:
            raise StopAsyncIteration from None

    async def close(self):
        self.closed = True


class FakeClient:
    """What a resource's create() reaches: base_url, the scripted replies, and the requests received."""

    def __init__(self, base_url, clock=None, asynchronous=False):
        self.base_url = base_url
        self.clock = clock or FakeClock()
        self.asynchronous = asynchronous
        self.replies = []
        self.requests = []

    def answer(self, path, request):
        self.requests.append(request)
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            reply.request = Obj(method="POST", url=self.base_url.rstrip("/") + path, content=json.dumps(request).encode())
            raise reply
        if isinstance(reply, Streamed):
            events = reply.events_for_request(request)
            return FakeAsyncStream(events, self.clock) if self.asynchronous else FakeStream(events, self.clock)
        return reply


class Resource:
    def __init__(self, client, path):
        self._client = client  # where the real SDKs' resources keep their client too
        self._path = path

    def create(self, **request):
        return self._client.answer(self._path, request)


class AsyncResource(Resource):
    async def create(self, **request):
        return self._client.answer(self._path, request)


# Named as in openai.resources.chat: the tracker asks these (and only these) for the usage chunk of a stream.
class Completions(Resource):
    pass


class AsyncCompletions(AsyncResource):
    pass


def openai_client(base_url="https://api.openai.com/v1", clock=None, asynchronous=False):
    """Like openai.OpenAI(base_url=...) (or AsyncOpenAI): client.chat.completions.create, client.responses.create."""
    client = FakeClient(base_url, clock, asynchronous)
    client.chat = Obj(completions=(AsyncCompletions if asynchronous else Completions)(client, "/chat/completions"))
    client.responses = (AsyncResource if asynchronous else Resource)(client, "/responses")
    return client


def anthropic_client(base_url="https://api.anthropic.com", clock=None, asynchronous=False):
    """Like anthropic.Anthropic() (or AsyncAnthropic): client.messages.create."""
    client = FakeClient(base_url, clock, asynchronous)
    client.messages = (AsyncResource if asynchronous else Resource)(client, "/v1/messages")
    return client


def chat_completion(model, prompt_tokens, completion_tokens, cached_tokens=0):
    return Obj(object="chat.completion", model=model, choices=[Obj(index=0, message=Obj(role="assistant", content="not read"))],
               usage=Obj(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, total_tokens=prompt_tokens + completion_tokens,
                         prompt_tokens_details=Obj(cached_tokens=cached_tokens), completion_tokens_details=Obj(reasoning_tokens=0)))


def _chunk(model, delta, finish_reason=None):
    return Obj(object="chat.completion.chunk", model=model, choices=[Obj(index=0, delta=delta, finish_reason=finish_reason)], usage=None)


def chat_stream(model, prompt_tokens, completion_tokens, cached_tokens, delays):
    """Chat Completions chunks: the role, text deltas, the finish, and, only if the request asked, the usage chunk.
    ``delays``: before the role chunk, before the first text, before the second text, before the finish (and usage)."""

    def events(request):
        role, first, second, finish = delays
        timed = [
            (role, _chunk(model, Obj(role="assistant", content=""))),
            (first, _chunk(model, Obj(content="Hel"))),
            (second, _chunk(model, Obj(content="lo"))),
            (finish, _chunk(model, Obj(), finish_reason="stop")),
        ]
        if (request.get("stream_options") or {}).get("include_usage"):
            timed.append((0.0, Obj(object="chat.completion.chunk", model=model, choices=[],
                                   usage=Obj(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                                             total_tokens=prompt_tokens + completion_tokens,
                                             prompt_tokens_details=Obj(cached_tokens=cached_tokens),
                                             completion_tokens_details=Obj(reasoning_tokens=0)))))
        return timed

    return Streamed(events)


def responses_stream(model, input_tokens, output_tokens, cached_tokens, reasoning_tokens, delays):
    """Responses API events: created, a reasoning item, text deltas, completed with the usage. ``delays`` as for chat_stream."""

    def events(_request):
        created, first, second, completed = delays
        return [
            (created, Obj(type="response.created", response=Obj(object="response", model=model, status="in_progress", usage=None))),
            (0.0, Obj(type="response.output_item.added", item=Obj(type="message"))),
            (first, Obj(type="response.output_text.delta", delta="Hel")),
            (second, Obj(type="response.output_text.delta", delta="lo")),
            (completed, Obj(type="response.completed", response=Obj(
                object="response", model=model, status="completed",
                usage=Obj(input_tokens=input_tokens, input_tokens_details=Obj(cached_tokens=cached_tokens),
                          output_tokens=output_tokens, output_tokens_details=Obj(reasoning_tokens=reasoning_tokens),
                          total_tokens=input_tokens + output_tokens)))),
        ]

    return Streamed(events)


def anthropic_stream(model, input_tokens, cache_read, cache_creation, output_tokens, delays):
    """Anthropic Messages events: message_start with the input counts, content deltas, message_delta with the output count."""

    def events(_request):
        start, first, second, delta = delays
        return [
            (start, Obj(type="message_start", message=Obj(
                type="message", model=model, content=[],
                usage=Obj(input_tokens=input_tokens, cache_read_input_tokens=cache_read, cache_creation_input_tokens=cache_creation,
                          output_tokens=1)))),
            (0.0, Obj(type="content_block_start", index=0, content_block=Obj(type="text", text=""))),
            (first, Obj(type="content_block_delta", index=0, delta=Obj(type="text_delta", text="Hel"))),
            (second, Obj(type="content_block_delta", index=0, delta=Obj(type="text_delta", text="lo"))),
            (0.0, Obj(type="content_block_stop", index=0)),
            (delta, Obj(type="message_delta", delta=Obj(stop_reason="end_turn"), usage=Obj(output_tokens=output_tokens))),
            (0.0, Obj(type="message_stop")),
        ]

    return Streamed(events)
