output "url" {
  description = "The service's URL: the load balancer's stable DNS name (point a CNAME or an alias record at alb_dns_name)."
  value       = "${local.https_enabled ? "https" : "http"}://${aws_lb.this.dns_name}"
}

output "alb_dns_name" {
  description = "DNS name of the Application Load Balancer (stable for its lifetime)."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Hosted zone id of the load balancer, for a Route 53 alias record."
  value       = aws_lb.this.zone_id
}

output "ecr_server_repository_url" {
  description = "ECR repository of the server image."
  value       = aws_ecr_repository.server.repository_url
}

output "ecr_runner_repository_urls" {
  description = "ECR repository of each runner image, by image recipe name."
  value       = { for name, repo in aws_ecr_repository.runner : name => repo.repository_url }
}

output "ecs_cluster_name" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "ecs_service_name" {
  description = "ECS service of the server."
  value       = aws_ecs_service.server.name
}

output "autoscaling_group_name" {
  description = "Auto scaling group of the container instances."
  value       = aws_autoscaling_group.instances.name
}

output "log_group_name" {
  description = "CloudWatch log group of the server."
  value       = aws_cloudwatch_log_group.server.name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe a pager or chat integration to it."
  value       = aws_sns_topic.alarms.arn
}

output "vpc_id" {
  description = "VPC the deployment runs in (created or given)."
  value       = local.vpc_id
}

output "database_address" {
  description = "Host name of the submissions database (enable_database), or null."
  value       = var.enable_database ? aws_db_instance.this[0].address : null
}

output "database_url_secret_arn" {
  description = "Secrets Manager secret holding WARMBOX_DATABASE_URL (enable_database), or null."
  value       = var.enable_database ? aws_secretsmanager_secret.database_url[0].arn : null
}
