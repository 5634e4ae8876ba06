FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements.lock pyproject.toml README.md ./
RUN pip install --no-cache-dir -r requirements.lock
COPY api ./api
COPY models ./models
COPY migrations ./migrations
COPY risk_data ./risk_data
COPY screening ./screening
RUN pip install --no-cache-dir --no-deps . && useradd --system --uid 10001 flrisk
USER flrisk
EXPOSE 8000
CMD ["flrisk", "serve", "--host", "0.0.0.0"]
